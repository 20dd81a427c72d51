import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { evidenceRules } from "../../../components/model/helpers";
import { checkEvidence, missingEvidenceMessage, requestCommand } from "../../../components/verify/evidence";
import { initContainerExample } from "../../../examples/init-container";
import { sidecarLoggingExample } from "../../../examples/sidecar-logging";
import { sidecarSecurityExample } from "../../../examples/sidecar-security";
import { sidecarMonitoringExample } from "../../../examples/sidecar-monitoring";
import { EVIDENCE_TABLE, TARGET } from "./evidenceTable";

describe("checkEvidence", () => {
    for (const row of EVIDENCE_TABLE) {
        it(`${row.def.name}: ${row.title}`, () => {
            assert.deepEqual(checkEvidence(row.def, row.captured, TARGET), row.missing);
        });
    }

    it("names the container, what it lacked and the command to look yourself", () => {
        assert.equal(
            missingEvidenceMessage(initContainerExample, evidenceRules(initContainerExample)[1], TARGET),
            "evidence missing in pod init-container-test: no line of init-container's log containing \"Hello from init-container\" appears in displayer-container's log. Look for yourself: kubectl logs init-container-test -n demo -c init-container --context kind-demo ; kubectl logs init-container-test -n demo -c displayer-container --context kind-demo",
        );
        assert.equal(
            missingEvidenceMessage(sidecarLoggingExample, evidenceRules(sidecarLoggingExample)[0], TARGET),
            'evidence missing in pod sidecar-container-test: main-container\'s log has no line containing "main-container handled request". Look for yourself: kubectl logs sidecar-container-test -n demo -c main-container --context kind-demo',
        );
        assert.equal(
            missingEvidenceMessage(sidecarSecurityExample, evidenceRules(sidecarSecurityExample)[1], TARGET),
            "evidence missing in pod security-sidecar-test: auth-proxy forwards a request with the stack's credentials: the request to http://127.0.0.1:8081/ sent from app-container with the stack's basic-auth credentials was not answered with \"Hello from app-container: you are authenticated\". Look for yourself: kubectl exec security-sidecar-test -n demo -c app-container --context kind-demo -- wget -q -O - http://127.0.0.1:8081/ (without credentials; `pulumi stack output basicAuth --show-secrets` shows them)",
        );
    });

    it("prints a request command that runs as printed", () => {
        const rule = sidecarMonitoringExample.evidence![0].http;
        if (!rule) throw new Error("expected an http rule");
        const command = requestCommand(sidecarMonitoringExample, rule, { namespace: "default" });
        assert.equal(
            command,
            "kubectl exec monitoring-sidecar-test -n default -c web-container -- wget -q -O - http://127.0.0.1:9113/metrics",
        );
        const args = spawnSync("/bin/sh", ["-c", command.replace(/^kubectl /, "printf '%s\\n' ")], {
            encoding: "utf8",
        });
        assert.deepEqual(args.stdout.split("\n").slice(0, -1), [
            "exec",
            "monitoring-sidecar-test",
            "-n",
            "default",
            "-c",
            "web-container",
            "--",
            "wget",
            "-q",
            "-O",
            "-",
            "http://127.0.0.1:9113/metrics",
        ]);
    });
});
