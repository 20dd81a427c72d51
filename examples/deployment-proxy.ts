import type { PodDefinition } from "../components/model";
import { sidecarProxyExample } from "./sidecar-proxy";

// The proxying pod as a real application runs it: a Deployment of three replicas, each fronted by its proxy
// sidecar, behind one Service. The containers are the proxy example's, unchanged: only the workload differs.
// maxUnavailable "0" keeps all three serving while a new template (a new proxy configuration, say) rolls out,
// one surge pod at a time.
export const deploymentProxyExample: PodDefinition = {
    ...sidecarProxyExample,
    name: "proxy-deployment-test",
    summary:
        "Three replicas, each app-container behind its proxy-container; one Service in front; rolls with none unavailable.",
    manifestFile: undefined,
    // A fixed name, as the seed's pods have (left out, Pulumi would choose one).
    workload: { name: "proxy-deployment-test", deployment: { replicas: 3, maxUnavailable: "0", maxSurge: "1" } },
    expose: { ...sidecarProxyExample.expose!, localPort: 8083 },
};
