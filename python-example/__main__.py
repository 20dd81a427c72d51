"""One multi-container pod of its own, declared in Python through the multi-container-pods component package.

An init container writes a greeting to a shared emptyDir; the app appends numbered lines with it to a log file on
the volume; a sidecar streams that file to its own stdout, reading the volume read-only.
"""

import pulumi
import pulumi_kubernetes as k8s
import pulumi_multi_container_pods as mcp

config = pulumi.Config()
IMAGE = "busybox:1.36.1"
GREETING = "Hello from prepare, declared in Python"

# Client-side apply, as the component asks: a replaced pod's preview then makes no server-side dry run.
kubernetes = k8s.Provider("kubernetes", enable_server_side_apply=False)

# A namespace of its own, enforcing the Pod Security "restricted" profile the component's pods meet.
pod_namespace = k8s.core.v1.Namespace(
    "pod-namespace",
    metadata={
        "name": config.get("namespace") or "python-example",
        "labels": {"pod-security.kubernetes.io/enforce": "restricted"},
    },
    opts=pulumi.ResourceOptions(provider=kubernetes),
)


def sh(script: str) -> list[str]:
    return ["sh", "-c", script]


shared = mcp.VolumeMountDefinitionArgs(volume="shared", path="/shared")

example_pod = mcp.MultiContainerPod(
    "example-pod",
    # Another resource's output: the pod waits for its namespace.
    namespace=pod_namespace.metadata.name,
    definition=mcp.PodDefinitionArgs(
        name="python-example-pod",
        volumes=[mcp.VolumeDefinitionArgs(name="shared", empty_dir=mcp.EmptyDirVolumeArgs(size_limit="1Mi"))],
        # Runs to completion before anything else starts: writes the greeting the others read.
        init_containers=[
            mcp.ContainerDefinitionArgs(
                name="prepare",
                image=IMAGE,
                command=sh(f'echo "{GREETING}" | tee /shared/greeting.txt'),
                mounts=[shared],
            )
        ],
        # Appends a numbered line with the greeting to a log file on the shared volume.
        containers=[
            mcp.ContainerDefinitionArgs(
                name="app",
                image=IMAGE,
                command=sh(
                    """trap 'exit 0' TERM INT
i=0
while true; do
  i=$((i+1))
  echo "app line $i: $(cat /shared/greeting.txt)" | tee -a /shared/app.log
  sleep 2 & wait $!
done
"""
                ),
                mounts=[shared],
            )
        ],
        # Streams the app's log file to its own stdout, reading the volume read-only.
        sidecars=[
            mcp.ContainerDefinitionArgs(
                name="log-forwarder",
                image=IMAGE,
                command=sh(
                    """trap 'exit 0' TERM INT
until [ -f /shared/app.log ]; do sleep 1 & wait $!; done
tail -n +1 -F /shared/app.log & wait $!
"""
                ),
                mounts=[mcp.VolumeMountDefinitionArgs(volume="shared", path="/shared", read_only=True)],
            )
        ],
    ),
    opts=pulumi.ResourceOptions(providers=[kubernetes]),
)

pulumi.export("podName", example_pod.pod.metadata.name)
# One command per container, init container and sidecar included; each runs as printed.
pulumi.export(
    "logCommands",
    example_pod.description.apply(lambda description: {c.name: c.logs for c in description.containers}),
)
