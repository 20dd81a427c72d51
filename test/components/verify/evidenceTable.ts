import type { PodDefinition } from "../../../components/model";
import { evidenceRules } from "../../../components/model/helpers";
import { initContainerExample } from "../../../examples/init-container";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";
import { sidecarMonitoringExample } from "../../../examples/sidecar-monitoring";
import { sidecarSecurityExample } from "../../../examples/sidecar-security";
import { CapturedEvidence, missingEvidenceMessage } from "../../../components/verify/evidence";
import type { VerifyOptions } from "../../../components/verify/script";

// Sample captures and the evidence each must (not) show. The pure check and the sh script both run over it.

export const TARGET = { namespace: "demo", context: "kind-demo" };

/** Verification options for tests: two quick attempts, no pause between them. */
export const FAST: VerifyOptions = {
    tailLines: 7,
    waitTimeoutSeconds: 30,
    attempts: 2,
    retryDelaySeconds: 0,
    evidenceTimeoutSeconds: 30,
    requestTimeoutSeconds: 20,
};

export interface EvidenceRow {
    readonly title: string;
    readonly def: PodDefinition;
    readonly captured: CapturedEvidence;
    readonly missing: string[];
}

const missing = (def: PodDefinition, ...indexes: number[]) =>
    indexes.map((i) => missingEvidenceMessage(def, evidenceRules(def)[i], TARGET));

// Responses as nc prints them: the status line and headers, then the body.
const response = (status: string, body: string) =>
    `HTTP/1.1 ${status}\r\nServer: nginx\r\nConnection: close\r\n\r\n${body}`;
export const UNAUTHORIZED = response(
    "401 Unauthorized",
    "<html><head><title>401 Authorization Required</title></head></html>\n",
);
export const AUTHENTICATED = response("200 OK", "Hello from app-container: you are authenticated\n");

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
        captured: { logs: {}, http: { 0: response("200 OK", "# TYPE nginx_up gauge\nnginx_up 1\n") } },
        missing: [],
    },
    {
        title: "the exporter reports nginx down",
        def: sidecarMonitoringExample,
        captured: { logs: {}, http: { 0: response("200 OK", "nginx_up 0\n") } },
        missing: missing(sidecarMonitoringExample, 0),
    },
    {
        title: "the auth proxy refuses anonymous and serves authenticated requests",
        def: sidecarSecurityExample,
        captured: {
            logs: {},
            http: { 0: UNAUTHORIZED, 1: AUTHENTICATED },
        },
        missing: [],
    },
    {
        title: "the auth proxy lets anonymous requests through",
        def: sidecarSecurityExample,
        captured: {
            logs: {},
            http: { 0: AUTHENTICATED, 1: AUTHENTICATED },
        },
        missing: missing(sidecarSecurityExample, 0),
    },
    {
        title: "the auth proxy refuses the stack's credentials",
        def: sidecarSecurityExample,
        captured: { logs: {}, http: { 0: UNAUTHORIZED, 1: UNAUTHORIZED } },
        missing: missing(sidecarSecurityExample, 1),
    },
    {
        title: "the exporter cannot be reached",
        def: sidecarMonitoringExample,
        captured: { logs: {}, http: { 0: "nc: can't connect to remote host (127.0.0.1): Connection refused\n" } },
        missing: missing(sidecarMonitoringExample, 0),
    },
];
