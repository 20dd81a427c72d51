import { strict as assert } from "assert";
import { resolveKubeAccess } from "../../../components/program/kubeAccess";

const HOME = "/home/me";
const CWD = "/work/project";

describe("resolveKubeAccess", () => {
    it("leaves both unset when the config sets neither (kubectl's and the provider's own defaults)", () => {
        assert.deepEqual(resolveKubeAccess({}, HOME, CWD), { kubeconfig: undefined, context: undefined });
    });

    it("expands a leading ~ or ~/ to the home directory, as the provider does", () => {
        assert.equal(resolveKubeAccess({ kubeconfig: "~/.kube/kind" }, HOME, CWD).kubeconfig, "/home/me/.kube/kind");
        assert.equal(resolveKubeAccess({ kubeconfig: "~" }, HOME, CWD).kubeconfig, "/home/me");
        // Not a home reference: left as a relative path.
        assert.equal(
            resolveKubeAccess({ kubeconfig: "~other/config" }, HOME, CWD).kubeconfig,
            "/work/project/~other/config",
        );
    });

    it("makes a relative path absolute against the program's directory, and keeps an absolute one", () => {
        assert.equal(
            resolveKubeAccess({ kubeconfig: "kube/config" }, HOME, CWD).kubeconfig,
            "/work/project/kube/config",
        );
        assert.equal(resolveKubeAccess({ kubeconfig: "/etc/kube config" }, HOME, CWD).kubeconfig, "/etc/kube config");
    });

    it("passes the context through", () => {
        assert.equal(resolveKubeAccess({ kubeContext: "kind-kind" }, HOME, CWD).context, "kind-kind");
    });
});
