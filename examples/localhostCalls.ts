import type { DiagramDefinition, LocalhostCallDefinition } from "../components/podGraph";
import { allExamples } from "./index";

// Which example container calls which over the pod's localhost: the one part of a pod's picture its definition
// can't show by itself (the ports and URLs live in commands and nginx configuration). Kept beside the examples
// until their definitions carry `localhostCalls` themselves; a test checks each call against the caller's
// command or configuration, so the picture can't claim a call the pod doesn't make.
const LOCALHOST_CALLS: Readonly<Record<string, readonly LocalhostCallDefinition[]>> = {
    "monitoring-sidecar-test": [
        { from: "metrics-exporter", to: "web-container", port: 8080, purpose: "scrapes /stub_status" },
    ],
    "proxy-sidecar-test": [{ from: "proxy-container", to: "app-container", port: 8080, purpose: "forwards requests" }],
    "security-sidecar-test": [
        { from: "auth-proxy", to: "app-container", port: 8080, purpose: "forwards authenticated requests" },
    ],
};

/** Every example as the diagrams draw it, in the examples' order. */
export const diagramDefinitions: readonly DiagramDefinition[] = allExamples.map((def) => ({
    ...def,
    localhostCalls: LOCALHOST_CALLS[def.name] ?? [],
}));
