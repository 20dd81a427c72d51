import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { parseAllDocuments, stringify } from "yaml";
import { REPO } from "../../../test/cluster/support/cluster";
import { withBenchCpuRequest } from "../scale/cpuRequest";
import { runChecked } from "./runner";

// The flow a user already knows: the generated manifests of examples/ applied with kubectl, then waited for.

const EXAMPLES = path.join(REPO, "examples");

/**
 * The examples' generated manifests, as `kubectl apply -f examples/*.yaml` takes them, copied into `dir` so that
 * every round applies the same files whatever happens to the repository meanwhile.
 */
export function copyManifests(dir: string): string[] {
    fs.mkdirSync(dir, { recursive: true });
    return fs
        .readdirSync(EXAMPLES)
        .filter((file) => file.endsWith(".yaml"))
        .sort()
        .map((file) => {
            fs.copyFileSync(path.join(EXAMPLES, file), path.join(dir, file));
            return path.join(dir, file);
        });
}

/**
 * The shell line a manifest's header asks a user to run first (the security example's Secret), continuation
 * lines joined. Run as printed, plus the namespace.
 */
export function prerequisiteCommands(files: readonly string[]): string[] {
    const commands: string[] = [];
    for (const file of files) {
        const header = fs.readFileSync(file, "utf8").split("\n---")[0];
        const joined = header.replace(/\\\n#\s*/g, " ");
        for (const match of joined.matchAll(/^#\s+(.*\bkubectl create secret .*)$/gm)) commands.push(match[1].trim());
    }
    return commands;
}

/** The Deployment with `replicas` replicas, each container requesting the bench's CPU (see scale/cpuRequest.ts). */
type Container = { resources?: { requests?: Record<string, string> } };
type DeploymentObject = KubeObject & {
    spec: { template: { spec: { containers: Container[]; initContainers?: Container[] } } };
};
function withReplicas(deployment: DeploymentObject, replicas: number) {
    const small = withBenchCpuRequest<Container>;
    const pod = deployment.spec.template.spec;
    const spec = { ...pod, containers: pod.containers.map(small), initContainers: pod.initContainers?.map(small) };
    return { ...deployment, spec: { ...deployment.spec, replicas, template: { ...deployment.spec.template, spec } } };
}

const WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"];

/** The kinds of the objects in a manifest file. */
function kindsIn(file: string): string[] {
    return parseAllDocuments(fs.readFileSync(file, "utf8"))
        .map((doc) => doc.toJS()?.kind)
        .filter((kind): kind is string => typeof kind === "string");
}

type KubeObject = { readonly metadata?: Record<string, unknown> } & Record<string, unknown>;

/** What the bench types at the header's password prompt (no terminal: openssl reads standard input). */
const BENCH_PASSWORD = "bench-password";

const seconds = (started: number) => (performance.now() - started) / 1000;

export class KubectlFlow {
    readonly files: readonly string[];
    readonly prerequisites: readonly string[];

    constructor(
        private readonly env: NodeJS.ProcessEnv,
        private readonly workDir: string,
    ) {
        this.files = copyManifests(path.join(workDir, "examples"));
        this.prerequisites = prerequisiteCommands(this.files);
    }

    kubectl(args: readonly string[]) {
        return runChecked("kubectl", args, { env: this.env });
    }

    /** A shell line; a password prompt in it (the header's `openssl passwd`) reads the bench's from its input. */
    private shell(line: string) {
        return runChecked("sh", ["-c", line], { env: this.env, input: `${BENCH_PASSWORD}\n${BENCH_PASSWORD}\n` });
    }

    /** Every pod Ready, except a Job's, whose Job completes instead (a finished pod is never Ready). */
    async waitReady(namespace: string, files: readonly string[] = this.files) {
        const notOfAJob = ["-l", "!batch.kubernetes.io/job-name"];
        await this.kubectl(["wait", "--for=condition=Ready", "pod", ...notOfAJob, "-n", namespace, "--timeout=600s"]);
        if (files.some((file) => kindsIn(file).includes("Job"))) {
            await this.kubectl(["wait", "--for=condition=complete", "job", "--all", "-n", namespace, "--timeout=600s"]);
        }
    }

    /** The manifests of the bare-pod examples: what "N pods" means in the scale rows. */
    get podFiles(): readonly string[] {
        return this.files.filter((file) => !kindsIn(file).some((kind) => WORKLOAD_KINDS.includes(kind)));
    }

    /**
     * The Deployment example's manifests with `replicas` replicas, applied in a new namespace, then
     * `kubectl rollout status` until every replica is available. Seconds.
     */
    async applyDeploymentAndRollout(namespace: string, replicas: number): Promise<number> {
        const file = this.files.find((f) => kindsIn(f).includes("Deployment"));
        if (!file) throw new Error("no example manifest holds a Deployment");
        const documents = parseAllDocuments(fs.readFileSync(file, "utf8"))
            .map((doc) => doc.toJS())
            .filter((object) => object !== null)
            .map((object) => (object.kind === "Deployment" ? withReplicas(object, replicas) : object));
        const scaled = path.join(this.workDir, `deployment-${replicas}.yaml`);
        fs.writeFileSync(scaled, documents.map((doc) => stringify(doc)).join("---\n"));
        const name = documents.find((object) => object.kind === "Deployment").metadata.name;
        const started = performance.now();
        await this.kubectl(["create", "namespace", namespace]);
        await this.kubectl(["apply", "-n", namespace, "-f", scaled]);
        await this.kubectl(["rollout", "status", `deployment/${name}`, "-n", namespace, "--timeout=600s"]);
        return seconds(started);
    }

    /** From nothing to every pod Ready: create the namespace, the header's Secret, apply, wait. Seconds. */
    async applyAndWait(namespace: string): Promise<number> {
        const started = performance.now();
        await this.kubectl(["create", "namespace", namespace]);
        for (const line of this.prerequisites) await this.shell(`${line} -n ${namespace}`);
        await this.kubectl(["apply", "-n", namespace, ...this.files.flatMap((file) => ["-f", file])]);
        await this.waitReady(namespace);
        return seconds(started);
    }

    /** `kubectl delete -f` of the same manifests (waiting until gone, kubectl's default) and of the Secret. */
    async deleteManifests(namespace: string): Promise<number> {
        const started = performance.now();
        await this.kubectl(["delete", "-n", namespace, ...this.files.flatMap((file) => ["-f", file])]);
        for (const line of this.prerequisites) {
            const name = line.match(/kubectl create secret \S+ (\S+)/)![1];
            await this.kubectl(["delete", "secret", name, "-n", namespace]);
        }
        return seconds(started);
    }

    /** `kubectl delete namespace` of every one named, waiting until they are gone. Seconds. */
    async deleteNamespaces(namespaces: readonly string[]): Promise<number> {
        const started = performance.now();
        await this.kubectl(["delete", "namespace", ...namespaces, "--timeout=600s"]);
        return seconds(started);
    }

    /**
     * The same manifests in `namespaces.length` namespaces, in one `kubectl apply` of one file (Namespaces,
     * the header's Secret rendered once by kubectl --dry-run, every object with its namespace set), then one
     * `kubectl wait` per namespace, all at once. The fastest plain kubectl way: the strictest baseline.
     */
    async applyAndWaitMany(namespaces: readonly string[]): Promise<number> {
        const objects: KubeObject[] = this.podFiles.flatMap((file) =>
            parseAllDocuments(fs.readFileSync(file, "utf8"))
                .map((doc) => doc.toJS())
                .filter((object) => object !== null),
        );
        const started = performance.now();
        const secrets: KubeObject[] = [];
        for (const line of this.prerequisites) {
            const rendered = await this.shell(`${line} --dry-run=client -o json`);
            secrets.push(JSON.parse(rendered.stdout));
        }
        const documents = namespaces.flatMap((namespace) => [
            { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } },
            ...[...secrets, ...objects].map((object) => ({
                ...object,
                metadata: { ...object.metadata, namespace },
            })),
        ]);
        const file = path.join(this.workDir, `kubectl-${namespaces.length}-namespaces.yaml`);
        fs.writeFileSync(file, documents.map((doc) => stringify(doc)).join("---\n"));
        await this.kubectl(["apply", "-f", file]);
        await Promise.all(namespaces.map((namespace) => this.waitReady(namespace, this.podFiles)));
        return seconds(started);
    }
}
