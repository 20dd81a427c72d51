import type { ContainerDefinition } from "../components/model";
import { BUSYBOX_IMAGE } from "./images";
import { stoppable } from "./shell";

/**
 * A tiny web app (busybox httpd) serving one page on 127.0.0.1:8080 only: reachable from the pod's other
 * containers over the shared localhost, never from outside the pod.
 */
export function localhostApp(name: string, page: string, siteVolume: string): ContainerDefinition {
    return {
        name,
        image: BUSYBOX_IMAGE,
        command: stoppable(`echo "${page}" > /site/index.html && httpd -f -v -p 127.0.0.1:8080 -h /site`),
        mounts: [{ volume: siteVolume, path: "/site" }],
        // The kubelet probes the pod IP, which the app does not listen on; probe from inside instead.
        readinessProbe: { exec: ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"], periodSeconds: 5 },
    };
}
