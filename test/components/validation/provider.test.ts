import { strict as assert } from "assert";
import { serverSideApplyProblem } from "../../../components/validation/provider";

describe("serverSideApplyProblem", () => {
    const cases: [string, Parameters<typeof serverSideApplyProblem>[0], boolean][] = [
        ["an explicit provider: trusted (its settings cannot be read)", { explicit: true }, false],
        ["the default provider, nothing set: server-side apply", { explicit: false }, true],
        ["the default provider, stack config false", { explicit: false, configEnableServerSideApply: "false" }, false],
        ["the default provider, stack config true", { explicit: false, configEnableServerSideApply: "true" }, true],
        ["the default provider, environment False", { explicit: false, envEnableServerSideApply: "False" }, false],
        [
            "the default provider, config true wins over environment false",
            { explicit: false, configEnableServerSideApply: "true", envEnableServerSideApply: "false" },
            true,
        ],
    ];
    for (const [what, facts, refused] of cases) {
        it(`${what}: ${refused ? "refused" : "accepted"}`, () => {
            assert.equal(serverSideApplyProblem(facts) !== undefined, refused);
        });
    }

    it("names the options, the fix and the default provider's own switch", () => {
        const message = serverSideApplyProblem({ explicit: false })!;
        assert.match(message, /opts\.provider or opts\.providers/);
        assert.match(message, /new k8s\.Provider\("k8s", \{ enableServerSideApply: false \}\)/);
        assert.match(message, /kubernetes:enableServerSideApply false/);
    });
});
