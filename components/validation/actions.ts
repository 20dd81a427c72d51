import type { ContainerDefinition, HttpGetAction } from "../model";

// The HTTP GET that probes and lifecycle hooks share: a port by number or by one of the container's names.

export function httpGetProblems(get: HttpGetAction, c: ContainerDefinition): [field: string, message: string][] {
    const problems: [string, string][] = [];
    const { port, portName } = get;
    if ((port === undefined) === (portName === undefined)) problems.push(["", "set exactly one of port and portName"]);
    if (portName !== undefined && !(c.ports ?? []).some((p) => p.name === portName)) {
        problems.push([".portName", `"${portName}" is not a port of this container`]);
    }
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
        problems.push([".port", `${port} is not a port number (1-65535)`]);
    }
    return problems;
}
