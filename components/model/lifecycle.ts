import type { HttpGetAction } from "./pod";

// A container's lifecycle hooks: what the kubelet runs right after it starts and right before it stops.

/** Wait before the container is stopped, without a shell or a sleep binary in the image. */
export interface SleepAction {
    /** Seconds to wait: at least 1, at most the pod's terminationGracePeriodSeconds. */
    readonly seconds: number;
}

/** One hook: set exactly one of `exec`, `httpGet` and `sleep`. */
export interface LifecycleHandler {
    /** The command and its arguments, run in the container; a non-zero exit fails the hook. */
    readonly exec?: string[];
    /** An HTTP GET to the container; a status other than 2xx or 3xx fails the hook. */
    readonly httpGet?: HttpGetAction;
    /** A pause the kubelet takes itself (Kubernetes >= 1.30; GA in 1.34). */
    readonly sleep?: SleepAction;
}

/**
 * Hooks around the container's life. Plain init containers cannot have them (Kubernetes rejects it); app
 * containers and sidecars, classic or native, can.
 */
export interface LifecycleDefinition {
    /** Runs right after the container is created; it is not Ready, nor are its probes run, until this returns. */
    readonly postStart?: LifecycleHandler;
    /**
     * Runs before SIGTERM when the container is stopped, within the pod's terminationGracePeriodSeconds: e.g.
     * `sleep: { seconds: 5 }` lets a load balancer drop the pod before it stops accepting connections.
     */
    readonly preStop?: LifecycleHandler;
}
