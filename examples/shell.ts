// Container commands for long-running busybox shells. A shell as PID 1 ignores SIGTERM unless it traps it,
// which would make every pod deletion wait out its grace period; these scripts exit on TERM at once.

/** `sh -c` running `lines`, then idling until the pod is deleted. */
export function runThenIdle(...lines: string[]): string[] {
    return shellScript(...lines, "while true; do sleep 3600 & wait $!; done");
}

/** `sh -c` running `lines`, exiting promptly on SIGTERM. The last line should be long-running. */
export function shellScript(...lines: string[]): string[] {
    return ["sh", "-c", ["trap 'exit 0' TERM INT", ...lines].join("\n")];
}

/** A foreground command run under a shell that forwards the stop signal (so PID 1 is not the command). */
export function stoppable(command: string): string[] {
    return shellScript(`${command} &`, "wait $!");
}
