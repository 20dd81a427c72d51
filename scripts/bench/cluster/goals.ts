import { ratioOf, RowSpec, Samples } from "./report";

// What the table shows: issue 15's goals as ratios of medians (with "met" / "NOT met"), and the figures that
// explain them (ratios without a goal). Keys are the sample keys rounds.ts records.

export function rowsOf(samples: Samples, sizes: readonly number[]): RowSpec[] {
    const ratio = (formula: string, compute: (m: (key: string) => number) => number, limit?: number) =>
        ratioOf(samples, formula, compute, limit);
    const upOverFloor =
        (key: string, kubectl: string, floor = "floor.up") =>
        (m: (key: string) => number) =>
            (m(key) - m(floor)) / m(kubectl);
    /** A scale `up` against kubectl's at the same size, above the floor program's up. */
    const scaleUp = (pods: number, label: string, key: string, limit?: number): RowSpec => ({
        label,
        ours: key,
        kubectl: `scale.${pods}.kubectl.up`,
        floor: "floor.up",
        ratio: ratio("(up − floor up) / kubectl", upOverFloor(key, `scale.${pods}.kubectl.up`), limit),
    });
    return [
        {
            label: "up from nothing, verify on (5 pods)",
            ours: "ours.up",
            kubectl: "kubectl.up",
            floor: "floor.up",
            ratio: ratio("(up − floor up) / kubectl", upOverFloor("ours.up", "kubectl.up"), 1.5),
        },
        {
            label: "up from nothing, verify false",
            ours: "ours.upNoVerify",
            kubectl: "kubectl.up",
            floor: "floor.up",
            ratio: ratio("(up − floor up) / kubectl", upOverFloor("ours.upNoVerify", "kubectl.up")),
        },
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
        {
            label: "destroy with its namespace vs kubectl delete namespace",
            ours: "ours.destroy",
            kubectl: "kubectl.deleteNamespace",
            floor: "floor.destroy",
            ratio: ratio(
                "(destroy − floor destroy) / kubectl",
                (m) => (m("ours.destroy") - m("floor.destroy")) / m("kubectl.deleteNamespace"),
                1.5,
            ),
        },
        {
            label: "destroy, namespace kept, vs kubectl delete -f",
            ours: "ours.destroyKeepNamespace",
            kubectl: "kubectl.deleteManifests",
            floor: "floor.destroy",
            ratio: ratio(
                "(destroy − floor destroy) / kubectl",
                (m) => (m("ours.destroyKeepNamespace") - m("floor.destroy")) / m("kubectl.deleteManifests"),
                1.5,
            ),
        },
        {
            label: "destroy with its namespace vs kubectl delete -f",
            ours: "ours.destroy",
            kubectl: "kubectl.deleteManifests",
            floor: "floor.destroy",
            ratio: ratio(
                "(destroy − floor destroy) / kubectl",
                (m) => (m("ours.destroy") - m("floor.destroy")) / m("kubectl.deleteManifests"),
            ),
        },
        ...sizes.flatMap((pods): RowSpec[] => [
            scaleUp(pods, `${pods} pods in ${pods / 5} namespaces: up, verify on`, `scale.${pods}.up`, 1.5),
            scaleUp(
                pods,
                `${pods} pods: up, verify false (deployed and Ready, as kubectl)`,
                `scale.${pods}.upNoVerify`,
                1.5,
            ),
            scaleUp(pods, `${pods} pods: Pulumi alone, the component's graph: up`, `scale.${pods}.graphUp`),
            scaleUp(
                pods,
                `${pods} pods: Pulumi alone, the graph without Commands: up`,
                `scale.${pods}.graphUpNoVerify`,
            ),
            {
                label: `${pods} pods: up, verify on, above Pulumi alone`,
                ours: `scale.${pods}.up`,
                kubectl: `scale.${pods}.kubectl.up`,
                floor: `scale.${pods}.graphUp`,
                ratio: ratio(
                    "(up − Pulumi alone) / kubectl",
                    upOverFloor(`scale.${pods}.up`, `scale.${pods}.kubectl.up`, `scale.${pods}.graphUp`),
                ),
            },
            {
                label: `${pods} pods: up, verify false, above Pulumi alone without Commands`,
                ours: `scale.${pods}.upNoVerify`,
                kubectl: `scale.${pods}.kubectl.up`,
                floor: `scale.${pods}.graphUpNoVerify`,
                ratio: ratio(
                    "(up − Pulumi alone) / kubectl",
                    upOverFloor(
                        `scale.${pods}.upNoVerify`,
                        `scale.${pods}.kubectl.up`,
                        `scale.${pods}.graphUpNoVerify`,
                    ),
                ),
            },
            {
                label: `${pods} pods: destroy vs kubectl delete namespace`,
                ours: `scale.${pods}.destroy`,
                kubectl: `scale.${pods}.kubectl.deleteNamespaces`,
                floor: "floor.destroy",
                ratio: ratio(
                    "(destroy − floor destroy) / kubectl",
                    (m) =>
                        (m(`scale.${pods}.destroy`) - m("floor.destroy")) / m(`scale.${pods}.kubectl.deleteNamespaces`),
                ),
            },
        ]),
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
  verify false: the same without the verification Commands (each pod still awaited until Ready).
  Pulumi alone, the component's graph: the same program with raw true and graph true, registering the same
  pods, ConfigMaps, Secrets and Services with the same options as plain resources, each pod's under an empty
  component of the same type, with a Command that runs \`true\` where verification runs (same triggers and
  dependencies): what Pulumi's engine and providers charge for the resources the component registers, doing no
  work; "without Commands": the same with verify false. "up above Pulumi alone" is what the component's own code
  and its verification's work add to that floor.`;
