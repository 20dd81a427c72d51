import type { PodExampleDefinition } from "../../../examples";
import { initContainerExample } from "../../../examples/init-container";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";
import { sidecarMonitoringExample } from "../../../examples/sidecar-monitoring";
import { sidecarSecurityExample } from "../../../examples/sidecar-security";
import { CapturedEvidence, missingEvidenceMessage } from "../../../components/verify/evidence";

// Sample captures and the evidence each must (not) show. The pure check and the sh script both run over it.

export const TARGET = { namespace: "demo", context: "kind-demo" };

export interface EvidenceRow {
    readonly title: string;
    readonly def: PodExampleDefinition;
    readonly captured: CapturedEvidence;
    readonly missing: string[];
}

const missing = (def: PodExampleDefinition, ...indexes: number[]) =>
    indexes.map((i) => missingEvidenceMessage(def, def.evidence[i], TARGET));

const INIT_LINE = "Hello from init-container: prepared for pod init-container-test at 2026-11-24T10:00:00Z";
const MAIN_LINES = [1, 2, 3].map((i) => `2026-11-24T10:00:0${i}Z main-container handled request ${i}`).join("\n");

export const EVIDENCE_TABLE: EvidenceRow[] = [
    {
        title: "the displayer shows the line the init container wrote",
        def: initContainerExample,
        captured: {
            logs: {
                "init-container": `${INIT_LINE}\n`,
                "displayer-container": `displayer-container found in /shared-data/message.txt:\n${INIT_LINE}\n`,
            },
            http: {},
        },
        missing: [],
    },
    {
        title: "the displayer shows an older line than the init container wrote",
        def: initContainerExample,
        captured: {
            logs: {
                "init-container": `${INIT_LINE}\n`,
                "displayer-container": `${INIT_LINE.replace("10:00:00", "09:00:00")}\n`,
            },
            http: {},
        },
        missing: missing(initContainerExample, 1),
    },
    {
        title: "nothing was captured",
        def: initContainerExample,
        captured: { logs: {}, http: {} },
        missing: missing(initContainerExample, 0, 1),
    },
    {
        title: "the sidecar forwards the main container's lines",
        def: sidecarLoggingExample,
        captured: {
            logs: { "main-container": MAIN_LINES, "sidecar-container": MAIN_LINES.split("\n").slice(0, 2).join("\n") },
            http: {},
        },
        missing: [],
    },
    {
        title: "the sidecar's log carries a marker but not the main container's line",
        def: sidecarLoggingExample,
        captured: {
            logs: {
                "main-container": MAIN_LINES,
                "sidecar-container": "tail: can't open '/var/log/app/app.log': main-container handled request\n",
            },
            http: {},
        },
        missing: missing(sidecarLoggingExample, 1),
    },
    {
        title: "the exporter reports nginx up",
        def: sidecarMonitoringExample,
        captured: { logs: {}, http: { 0: "# TYPE nginx_up gauge\nnginx_up 1\n" } },
        missing: [],
    },
    {
        title: "the exporter reports nginx down",
        def: sidecarMonitoringExample,
        captured: { logs: {}, http: { 0: "nginx_up 0\n" } },
        missing: missing(sidecarMonitoringExample, 0),
    },
    {
        title: "the auth proxy refuses anonymous and serves authenticated requests",
        def: sidecarSecurityExample,
        captured: {
            logs: {},
            http: {
                0: "wget: server returned error: HTTP/1.1 401 Unauthorized\n",
                1: "Hello from app-container: you are authenticated\n",
            },
        },
        missing: [],
    },
    {
        title: "the auth proxy lets anonymous requests through",
        def: sidecarSecurityExample,
        captured: {
            logs: {},
            http: {
                0: "Hello from app-container: you are authenticated\n",
                1: "Hello from app-container: you are authenticated\n",
            },
        },
        missing: missing(sidecarSecurityExample, 0),
    },
];
