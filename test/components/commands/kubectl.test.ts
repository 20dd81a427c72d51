import { strict as assert } from "assert";
import {
    execCommand,
    getPodCommand,
    logsCommand,
    portForwardCommand,
    shellQuote,
} from "../../../components/commands/kubectl";

describe("kubectl commands", () => {
    it("prints the seed's commands with the namespace", () => {
        const target = { namespace: "default" };
        assert.equal(getPodCommand(target, "init-container-test"), "kubectl get pod init-container-test -n default");
        assert.equal(
            logsCommand(target, "init-container-test", "init-container"),
            "kubectl logs init-container-test -n default -c init-container",
        );
    });

    it("adds --context and --kubeconfig when the stack sets them, quoting what a shell would split", () => {
        const target = { namespace: "demo", context: "kind-kind", kubeconfig: "/home/me/my configs/kube.yaml" };
        assert.equal(
            logsCommand(target, "sidecar-container-test", "sidecar-container"),
            "kubectl logs sidecar-container-test -n demo -c sidecar-container --context kind-kind --kubeconfig '/home/me/my configs/kube.yaml'",
        );
        assert.equal(
            portForwardCommand({ namespace: "demo" }, "proxy-sidecar-test", 8080, 80),
            "kubectl port-forward service/proxy-sidecar-test 8080:80 -n demo",
        );
        assert.equal(
            execCommand({ namespace: "demo", context: "arn:aws:eks:eu-west-1:1:cluster/x" }, "p", "c", [
                "wget",
                "-O",
                "-",
                "http://127.0.0.1/",
            ]),
            "kubectl exec p -n demo -c c --context arn:aws:eks:eu-west-1:1:cluster/x -- wget -O - http://127.0.0.1/",
        );
    });

    it("quotes shell words safely", () => {
        assert.equal(shellQuote("plain-word_1.2"), "plain-word_1.2");
        assert.equal(shellQuote("it's"), `'it'"'"'s'`);
        assert.equal(shellQuote("$(rm -rf /)"), "'$(rm -rf /)'");
        assert.equal(shellQuote(""), "''");
    });
});
