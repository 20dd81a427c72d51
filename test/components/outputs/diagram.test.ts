import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { renderDiagramCaption, renderPodDiagram } from "../../../components/outputs/diagram";
import {
    diagramDocPath,
    readmeDiagrams,
    renderDiagramDoc,
    renderReadmeDiagrams,
    replaceReadmeDiagrams,
} from "../../../components/outputs/diagramDocs";
import type { ContainerDefinition, PodDefinition, SidecarMode } from "../../../components/model";
import { containerId, volumeId } from "../../../components/outputs/podGraph";
import { SIDECAR_MODES } from "../../../components/build/pod";
import { allExamples } from "../../../examples";
import { ParsedFlowchart, parseMermaid, parsedOrThrow } from "../../support/mermaid";

const ROOT = path.join(__dirname, "..", "..", "..");
const BUSYBOX = "busybox:1.36.1";

const byName = (name: string) => allExamples.find((def) => def.name === name)!;

/** Two init containers, an app and a sidecar; the sidecar's relayed lines cross no volume. */
const relayed: PodDefinition = {
    name: "relay-test",
    pattern: "logging",
    summary: "two init containers prepare, the app writes, the sidecar relays.",
    manifestFile: "relay-test.yaml",
    volumes: [{ name: "work", emptyDir: {} }],
    initContainers: [
        { name: "fetch", image: BUSYBOX, mounts: [{ volume: "work", path: "/work" }] },
        { name: "unpack", image: BUSYBOX, mounts: [{ volume: "work", path: "/work" }] },
    ],
    containers: [{ name: "app", image: BUSYBOX, mounts: [{ volume: "work", path: "/work", readOnly: true }] }],
    sidecars: [{ name: "shipper", image: BUSYBOX }],
    evidence: [
        { relayedLine: { from: "app", to: "shipper", marker: "x" } },
        { relayedLine: { from: "fetch", to: "app", marker: "y" } },
    ],
};

/** Labels mermaid must carry through as text, not as syntax. */
const awkward: PodDefinition = {
    ...relayed,
    name: "awkward-test",
    volumes: [{ name: "work", configFiles: { files: { "a.conf": "" } } }],
    initContainers: [],
    containers: [
        { name: "end", image: BUSYBOX, mounts: [{ volume: "work", path: '/data/"quoted" #1 <b>&', readOnly: true }] },
    ],
    sidecars: [],
    evidence: [],
};

// Every diagram the tests look at, parsed by mermaid in one child process.
const cases: { readonly key: string; readonly def: PodDefinition; readonly mode: SidecarMode }[] = [
    ...[...allExamples, relayed, awkward].flatMap((def) =>
        SIDECAR_MODES.map((mode) => ({ key: `${def.name}/${mode}`, def, mode })),
    ),
];
const parsed = new Map<string, ParsedFlowchart>();

const edge = (chart: ParsedFlowchart, from: string, to: string) =>
    chart.edges.filter((e) => e.from === from && e.to === to);

describe("pod diagrams", function () {
    this.timeout(60_000);

    before(() => {
        const results = parseMermaid(cases.map((c) => renderPodDiagram(c.def, c.mode)));
        cases.forEach((c, i) => parsed.set(c.key, parsedOrThrow(results[i])));
    });

    it("are checked by a parser that rejects broken Mermaid", () => {
        const [broken, unclosed] = parseMermaid(["flowchart LR\n    a -->|x", 'flowchart LR\n    a["x']);
        assert.ok("error" in broken && "error" in unclosed);
    });

    for (const c of cases) {
        const { def, mode, key } = c;
        describe(key, () => {
            const chart = () => parsed.get(key)!;

            it("is a flowchart mermaid accepts, with no node that is only named in an arrow", () => {
                assert.equal(chart().type, "flowchart-v2");
                const subgraphs = new Set(chart().subgraphs.map((s) => s.id));
                const undeclared = chart().vertices.filter((v) => v.shape === null && !subgraphs.has(v.id));
                assert.deepEqual(undeclared, []);
            });

            it("draws every container in its role's group inside the pod, and every volume in the pod", () => {
                const group = (id: string) => chart().subgraphs.find((s) => s.id === id);
                const pod = group("pod")!;
                const roles: [string, readonly ContainerDefinition[] | undefined][] = [
                    ["g_init", def.initContainers],
                    ["g_app", def.containers],
                    ["g_sidecar", def.sidecars],
                ];
                for (const [id, containers] of roles) {
                    if (!containers?.length) {
                        assert.equal(group(id), undefined, `no ${id} group`);
                        continue;
                    }
                    assert.deepEqual(
                        group(id)!.nodes,
                        containers.map((c) => containerId(c.name)),
                    );
                    assert.ok(pod.nodes.includes(id));
                    for (const container of containers) {
                        const vertex = chart().vertices.find((v) => v.id === containerId(container.name))!;
                        assert.ok(vertex.text.startsWith(`${container.name}<br>${container.image}`), vertex.text);
                    }
                }
                for (const volume of def.volumes) {
                    const vertex = chart().vertices.find((v) => v.id === volumeId(volume.name));
                    assert.equal(vertex?.shape, "cylinder", volume.name);
                    assert.ok(vertex!.text.startsWith(volume.name));
                    assert.ok(pod.nodes.includes(volumeId(volume.name)));
                }
            });

            it("draws a read-write mount solid into the volume and a read-only mount dotted out of it", () => {
                const containers = [...(def.initContainers ?? []), ...def.containers, ...(def.sidecars ?? [])];
                for (const container of containers) {
                    for (const mount of container.mounts ?? []) {
                        const [c, v] = [containerId(container.name), volumeId(mount.volume)];
                        const [from, to] = mount.readOnly ? [v, c] : [c, v];
                        const drawn = edge(chart(), from, to);
                        assert.equal(drawn.length, 1, `${container.name} mounts ${mount.volume}`);
                        assert.equal(drawn[0].stroke, mount.readOnly ? "dotted" : "normal");
                        assert.ok(drawn[0].text.includes(mount.readOnly ? "read-only" : "read-write"));
                        assert.deepEqual(edge(chart(), to, from), [], "one arrow per mount");
                    }
                }
            });

            it("puts a Service in front of the exposed container's port only when the definition exposes one", () => {
                const service = chart().vertices.find((v) => v.id === "service");
                if (!def.expose) {
                    assert.equal(service, undefined);
                    return;
                }
                assert.equal(service?.shape, "hexagon");
                const target = [...def.containers, ...(def.sidecars ?? [])].find((c) =>
                    (c.ports ?? []).some((p) => p.name === def.expose!.port),
                )!;
                assert.equal(edge(chart(), "service", containerId(target.name)).length, 1);
                assert.equal(edge(chart(), "client", "service").length, 1);
            });

            it(`starts ${mode} sidecars in their place (or the definition's own mode)`, () => {
                const thick = chart()
                    .edges.filter((e) => e.stroke === "thick")
                    .map((e) => `${e.from}>${e.to}`);
                const expected: string[] = [];
                const inits = (def.initContainers ?? []).map((c) => containerId(c.name));
                inits.slice(1).forEach((id, i) => expected.push(`${inits[i]}>${id}`));
                const hasSidecars = (def.sidecars ?? []).length > 0;
                if ((def.sidecarMode ?? mode) === "native" && hasSidecars) {
                    if (inits.length > 0) expected.push("g_init>g_sidecar");
                    expected.push("g_sidecar>g_app");
                } else if (inits.length > 0) {
                    expected.push("g_init>g_app");
                    if (hasSidecars) expected.push("g_init>g_sidecar");
                }
                assert.deepEqual(thick.sort(), expected.sort());
            });
        });
    }

    it("draws the seed's data flows: init writes then app reads; app writes then sidecar reads", () => {
        const init = parsed.get("init-container-test/classic")!;
        assert.equal(edge(init, "c_init_container", "v_shared_data")[0].stroke, "normal");
        assert.equal(edge(init, "v_shared_data", "c_displayer_container")[0].stroke, "dotted");
        const logging = parsed.get("sidecar-container-test/native")!;
        assert.equal(edge(logging, "c_main_container", "v_app_logs")[0].stroke, "normal");
        assert.equal(edge(logging, "v_app_logs", "c_sidecar_container")[0].stroke, "dotted");
    });

    it("draws the proxies in front of their apps and the exporter scraping nginx, over localhost", () => {
        const arrow = (pod: string, from: string, to: string) => edge(parsed.get(`${pod}/classic`)!, from, to)[0];
        assert.match(arrow("proxy-sidecar-test", "c_proxy_container", "c_app_container").text, /localhost:8080/);
        assert.match(arrow("security-sidecar-test", "c_auth_proxy", "c_app_container").text, /localhost:8080/);
        assert.match(arrow("monitoring-sidecar-test", "c_metrics_exporter", "c_web_container").text, /stub_status/);
        assert.ok(arrow("proxy-sidecar-test", "service", "c_proxy_container"), "the Service fronts the proxy");
        assert.equal(edge(parsed.get("proxy-sidecar-test/classic")!, "service", "c_app_container").length, 0);
    });

    it("draws relayed log lines only where no arrows already carry them", () => {
        const chart = parsed.get("relay-test/classic")!;
        assert.equal(edge(chart, "c_app", "c_shipper")[0].stroke, "dotted", "app to shipper crosses no volume");
        assert.deepEqual(edge(chart, "c_fetch", "c_app"), [], "fetch to app goes through the work volume");
    });

    it("keeps quotes, #, < and & in labels as text", () => {
        const chart = parsed.get("awkward-test/classic")!;
        const mount = edge(chart, "v_work", "c_end")[0];
        assert.equal(mount.text, 'read-only /data/"quoted" #1 <b>&');
        assert.ok(chart.vertices.some((v) => v.id === "c_end" && v.shape === "square"));
    });

    it("refuses a localhost call or an exposed port naming what the pod doesn't have", () => {
        const call = { from: "proxy-container", to: "nobody", port: 8080 };
        const proxy = byName("proxy-sidecar-test");
        assert.throws(() => renderPodDiagram({ ...proxy, localhostCalls: [call] }), /unknown container "nobody"/);
        const expose = { ...proxy.expose!, port: "missing" };
        assert.throws(() => renderPodDiagram({ ...proxy, expose }), /exposed port "missing"/);
    });

    it("captions say the start order of the mode drawn", () => {
        const logging = byName("sidecar-container-test");
        assert.match(renderDiagramCaption(logging), /`main-container` and `sidecar-container` start together/);
        assert.match(
            renderDiagramCaption(logging, "native"),
            /`sidecar-container` starts and keeps running, then `main-container` starts/,
        );
        assert.match(renderDiagramCaption(relayed), /`fetch` and `unpack` run one at a time, each to completion/);
    });
});

describe("committed diagrams", () => {
    for (const def of allExamples) {
        it(`${diagramDocPath(def)} is what the definition generates (run \`npm run diagrams\` if not)`, () => {
            const committed = fs.readFileSync(path.join(ROOT, diagramDocPath(def)), "utf8");
            assert.equal(committed, renderDiagramDoc(def));
            assert.ok(committed.includes("```mermaid\nflowchart LR\n"));
        });
    }

    it("README's Pictures of the pods section is what the definitions generate (run `npm run diagrams` if not)", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        assert.ok(readme.includes("## Pictures of the pods\n"));
        assert.equal(readmeDiagrams(readme), renderReadmeDiagrams(allExamples));
        for (const def of allExamples) assert.ok(readmeDiagrams(readme).includes(renderPodDiagram(def)));
    });

    it("rewriting the README section changes only what lies between the markers", () => {
        const readme = "# x\n\nbefore\n<!-- diagrams:start -->\nold\n<!-- diagrams:end -->\nafter\n";
        const rewritten = replaceReadmeDiagrams(readme, "new");
        assert.equal(rewritten, "# x\n\nbefore\n<!-- diagrams:start -->\n\nnew\n<!-- diagrams:end -->\nafter\n");
        assert.equal(readmeDiagrams(rewritten), "new");
        assert.throws(() => replaceReadmeDiagrams("no markers", "new"), /must hold/);
        assert.throws(() => replaceReadmeDiagrams(`${readme}${readme}`, "new"), /once each/);
    });
});
