import type { PodDefinition } from "../model";
import type { PlacedContainer } from "../model/helpers";
import { servicePorts } from "../model/helpers";

// `expose.additionalPorts`: each a running container's named port, and the Service's ports, names and the
// printed port-forward's local ports each used once (the API server rejects a Service with two ports of one
// name or number; kubectl cannot listen twice on one local port). `expose`'s own port is checked in validate.ts.

const isPort = (port: number) => Number.isInteger(port) && port >= 1 && port <= 65535;

export function servicePortProblems(
    def: PodDefinition,
    portOwners: ReadonlyMap<string, PlacedContainer>,
): [string, string][] {
    const problems: [string, string][] = [];
    const all = servicePorts(def);
    all.slice(1).forEach((p, i) => {
        const at = `expose.additionalPorts[${i}]`;
        const owner = portOwners.get(p.port);
        if (!owner) problems.push([`${at}.port`, `"${p.port}" is not the name of a container port in this pod`]);
        else if (owner.role === "init") {
            problems.push([
                `${at}.port`,
                `"${p.port}" belongs to init container "${owner.container.name}", which exits`,
            ]);
        }
        if (!isPort(p.servicePort))
            problems.push([`${at}.servicePort`, `${p.servicePort} is not a port number (1-65535)`]);
        if (p.localPort !== undefined && !isPort(p.localPort)) {
            problems.push([`${at}.localPort`, `${p.localPort} is not a port number (1-65535)`]);
        }
        // Compare with every port before this one: expose's own (index 0) and the earlier additional ones.
        const earlier = all.slice(0, i + 1);
        if (earlier.some((e) => e.port === p.port)) problems.push([`${at}.port`, `"${p.port}" is already exposed`]);
        if (earlier.some((e) => e.servicePort === p.servicePort)) {
            problems.push([`${at}.servicePort`, `the Service already has port ${p.servicePort}`]);
        }
        if (p.localPort !== undefined && earlier.some((e) => e.localPort === p.localPort)) {
            problems.push([`${at}.localPort`, `local port ${p.localPort} is already forwarded`]);
        }
    });
    return problems;
}
