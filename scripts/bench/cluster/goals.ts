import { ratioOf, RowSpec, Samples } from "./report";

// What the table shows: issue 15's goals as ratios of medians (with "met" / "NOT met"), and the figures that
// explain them (ratios without a goal). Keys are the sample keys rounds.ts records.

export function rowsOf(samples: Samples, sizes: readonly number[], replicas: readonly number[] = []): RowSpec[] {
    const ratio = (formula: string, compute: (m: (key: string) => number) => number, limit?: number) =>
        ratioOf(samples, formula, compute, limit);
    /** Ours against kubectl's figure, each above a floor: (ours − floor) / kubectl, checked when it has a limit. */
    const overFloor =
        (formula: string, floor: string) =>
        (label: string, ours: string, kubectl: string, limit?: number): RowSpec => ({
            label,
            ours,
            kubectl,
            floor,
            ratio: ratio(formula, (m) => (m(ours) - m(floor)) / m(kubectl), limit),
        });
    const up = overFloor("(up − floor up) / kubectl", "floor.up");
    const destroy = overFloor("(destroy − floor destroy) / kubectl", "floor.destroy");
    const abovePulumiAlone = (floor: string) => overFloor("(up − Pulumi alone) / kubectl", floor);
    return [
        up("up from nothing, verify on (5 pods)", "ours.up", "kubectl.up", 1.5),
        up("up from nothing, verify false", "ours.upNoVerify", "kubectl.up"),
        {
            label: "no-change preview",
            ours: "ours.preview",
            floor: "floor.preview",
            ratio: ratio("preview / floor preview", (m) => m("ours.preview") / m("floor.preview"), 0.75),
        },
        {
            label: "no-change preview, PULUMI_NODEJS_TRANSPILE_ONLY=true",
            ours: "ours.previewTranspileOnly",
            floor: "floor.previewTranspileOnly",
            ratio: ratio(
                "preview / floor preview",
                (m) => m("ours.previewTranspileOnly") / m("floor.previewTranspileOnly"),
            ),
        },
        {
            label: "sidecarMode classic → native (up)",
            ours: "ours.switch",
            ratio: ratio("switch / fresh up", (m) => m("ours.switch") / m("ours.up"), 1.5),
        },
        destroy(
            "destroy with its namespace vs kubectl delete namespace",
            "ours.destroy",
            "kubectl.deleteNamespace",
            1.5,
        ),
        destroy(
            "destroy, namespace kept, vs kubectl delete -f",
            "ours.destroyKeepNamespace",
            "kubectl.deleteManifests",
            1.5,
        ),
        destroy("destroy with its namespace vs kubectl delete -f", "ours.destroy", "kubectl.deleteManifests"),
        ...sizes.flatMap((pods): RowSpec[] => {
            const key = (what: string) => `scale.${pods}.${what}`;
            const kubectlUp = key("kubectl.up");
            return [
                up(
                    `${pods} pods in ${pods / 5} namespaces: up, one PodVerification for all`,
                    key("upGroup"),
                    kubectlUp,
                    1.5,
                ),
                up(`${pods} pods: up, each pod verified by its own Command`, key("up"), kubectlUp),
                up(
                    `${pods} pods: up, verify false (deployed and Ready, as kubectl)`,
                    key("upNoVerify"),
                    kubectlUp,
                    1.5,
                ),
                up(`${pods} pods: up, verify on, PULUMI_SKIP_CHECKPOINTS=true`, key("upSkipCheckpoints"), kubectlUp),
                up(`${pods} pods: Pulumi alone, the component's graph: up`, key("graphUp"), kubectlUp),
                up(`${pods} pods: Pulumi alone, the graph without Commands: up`, key("graphUpNoVerify"), kubectlUp),
                up(
                    `${pods} pods: Pulumi alone, the graph with one Command for all: up`,
                    key("graphUpGroup"),
                    kubectlUp,
                ),
                abovePulumiAlone(key("graphUpGroup"))(
                    `${pods} pods: up, one PodVerification, above Pulumi alone`,
                    key("upGroup"),
                    kubectlUp,
                    0.25,
                ),
                abovePulumiAlone(key("graphUp"))(
                    `${pods} pods: up, each pod's own verification, above Pulumi alone`,
                    key("up"),
                    kubectlUp,
                ),
                abovePulumiAlone(key("graphUpNoVerify"))(
                    `${pods} pods: up, verify false, above Pulumi alone without Commands`,
                    key("upNoVerify"),
                    kubectlUp,
                ),
                destroy(
                    `${pods} pods: destroy vs kubectl delete namespace`,
                    key("destroy"),
                    key("kubectl.deleteNamespaces"),
                ),
                destroy(
                    `${pods} pods, one PodVerification: destroy vs kubectl delete namespace`,
                    key("destroyGroup"),
                    key("kubectl.deleteNamespaces"),
                ),
            ];
        }),
        ...replicas.flatMap((n): RowSpec[] => {
            const key = (what: string) => `replicas.${n}.${what}`;
            return [
                up(`Deployment of ${n} replicas: up, verify on`, key("up"), key("kubectl.up"), 1.5),
                up(`Deployment of ${n} replicas: up, verify false`, key("upNoVerify"), key("kubectl.up")),
            ];
        }),
    ];
}

export const LEGEND = `Seconds of wall time, min / median / max over the rounds; ratios of medians; "goal" rows are issue 15's.
kubectl up: kubectl create namespace + the security example's Secret (its header's command, openssl included)
  + kubectl apply -f examples/*.yaml + kubectl wait --for=condition=Ready pod --all. Ours creates its namespace too.
kubectl delete -f: of the same files and the Secret, waiting until gone (namespace kept). kubectl delete namespace:
  of a namespace holding the same, waiting until gone. Our destroy deletes the namespace the program created;
  "namespace kept": a stack deployed into a namespace made beforehand (createNamespace false), which it keeps.
floor: scripts/bench/floor, one ConfigMap through an explicit provider, same CLI, plugins and node_modules.
N pods: scripts/bench/scale (N/5 copies of the five examples through MultiContainerPod, verification on, one
  namespace per copy) vs one kubectl apply of the same objects in as many namespaces + one wait per namespace;
  "one PodVerification for all": the same pods with verify false, verified by one PodVerification
  (components/verification.ts; one Command, kubectl calls per namespace); "each pod verified by its own Command":
  the component's default, verify on. verify false: the same without any verification (each pod still awaited
  until Ready).
  PULUMI_SKIP_CHECKPOINTS=true: the same up with the state saved once at the end, not after every step.
  Pulumi alone, the component's graph: the same program with variant graph, registering the same
  pods, ConfigMaps, Secrets and Services with the same options as plain resources, each pod's under an empty
  component of the same type, with a Command that runs \`true\` where verification runs (same triggers and
  dependencies): what Pulumi's engine and providers charge for the resources the component registers, doing no
  work; "without Commands": the same with verify false; "with one Command for all": the group's graph. "up above Pulumi alone" is what the component's own code
  and its verification's work add to that floor.
Deployment of N replicas: scripts/bench/scale with variant deployment (the proxy-deployment example with N replicas
  through MultiContainerPod; verification checks the evidence on every replica) vs kubectl apply of the same
  manifests (examples/proxy-deployment-test.yaml with N replicas) + kubectl rollout status; on both sides each
  container requests 5m of CPU instead of 10m, so that 100 replicas fit a 2-CPU node.`;
