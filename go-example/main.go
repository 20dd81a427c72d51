// One multi-container pod of its own, declared in Go through the multi-container-pods component package.
//
// An init container writes a greeting to a shared emptyDir; the app appends numbered lines with it to a log file
// on the volume; a sidecar streams that file to its own stdout, reading the volume read-only.
package main

import (
	mcp "example.com/pulumi-multi-container-pods/sdk/go/multicontainerpods"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

const (
	image    = "busybox:1.36.1"
	greeting = "Hello from prepare, declared in Go"
)

// The app: appends a numbered line with the greeting to a log file on the shared volume.
const appScript = `trap 'exit 0' TERM INT
i=0
while true; do
  i=$((i+1))
  echo "app line $i: $(cat /shared/greeting.txt)" | tee -a /shared/app.log
  sleep 2 & wait $!
done
`

// The sidecar: streams the app's log file to its own stdout.
const forwarderScript = `trap 'exit 0' TERM INT
until [ -f /shared/app.log ]; do sleep 1 & wait $!; done
tail -n +1 -F /shared/app.log & wait $!
`

func sh(script string) []string { return []string{"sh", "-c", script} }

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		namespace := config.Get(ctx, "namespace")
		if namespace == "" {
			namespace = "go-example"
		}

		// Client-side apply, as the component asks: a replaced pod's preview then makes no server-side dry run.
		provider, err := kubernetes.NewProvider(ctx, "kubernetes", &kubernetes.ProviderArgs{
			EnableServerSideApply: pulumi.Bool(false),
		})
		if err != nil {
			return err
		}

		// A namespace of its own, enforcing the Pod Security "restricted" profile the component's pods meet.
		podNamespace, err := corev1.NewNamespace(ctx, "pod-namespace", &corev1.NamespaceArgs{
			Metadata: &metav1.ObjectMetaArgs{
				Name:   pulumi.String(namespace),
				Labels: pulumi.StringMap{"pod-security.kubernetes.io/enforce": pulumi.String("restricted")},
			},
		}, pulumi.Provider(provider))
		if err != nil {
			return err
		}

		shared := mcp.VolumeMountDefinitionArgs{Volume: "shared", Path: "/shared"}
		readOnly := true
		sizeLimit := "1Mi"
		examplePod, err := mcp.NewMultiContainerPod(ctx, "example-pod", &mcp.MultiContainerPodArgs{
			// Another resource's output: the pod waits for its namespace.
			Namespace: podNamespace.Metadata.Name(),
			Definition: mcp.PodDefinitionArgs{
				Name:    "go-example-pod",
				Volumes: []mcp.VolumeDefinitionArgs{{Name: "shared", EmptyDir: &mcp.EmptyDirVolumeArgs{SizeLimit: &sizeLimit}}},
				// Runs to completion before anything else starts: writes the greeting the others read.
				InitContainers: []mcp.ContainerDefinitionArgs{{
					Name:    "prepare",
					Image:   pulumi.String(image),
					Command: sh(`echo "` + greeting + `" | tee /shared/greeting.txt`),
					Mounts:  []mcp.VolumeMountDefinitionArgs{shared},
				}},
				Containers: []mcp.ContainerDefinitionArgs{{
					Name:    "app",
					Image:   pulumi.String(image),
					Command: sh(appScript),
					Mounts:  []mcp.VolumeMountDefinitionArgs{shared},
				}},
				Sidecars: []mcp.ContainerDefinitionArgs{{
					Name:    "log-forwarder",
					Image:   pulumi.String(image),
					Command: sh(forwarderScript),
					Mounts:  []mcp.VolumeMountDefinitionArgs{{Volume: "shared", Path: "/shared", ReadOnly: &readOnly}},
				}},
			},
		}, pulumi.Providers(provider))
		if err != nil {
			return err
		}

		ctx.Export("podName", examplePod.Pod.Metadata().Name())
		// One command per container, init container and sidecar included; each runs as printed.
		ctx.Export("logCommands", examplePod.Description.Containers().ApplyT(
			func(containers []mcp.ContainerDescription) map[string]string {
				commands := map[string]string{}
				for _, c := range containers {
					commands[c.Name] = c.Logs
				}
				return commands
			}).(pulumi.StringMapOutput))
		return nil
	})
}
