import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { htpasswdLine } from "../components/build/basicAuth";
import { RANDOM_HEX_COMMAND } from "../components/resources/credentials";
import { credentialsInput } from "../components/verify/script";
import { FAKE_RANDOM_HEX, RegisteredResource, runProgram, WITH_PASSWORD } from "./support/mocks";

// The security example's credentials: generated when the config sets no password, the config's otherwise,
// exported as one secret output; the salt is random and kept in state either way.

const SECURITY = { examples: "security-sidecar-test" };
const ofType = (resources: RegisteredResource[], type: string) => resources.filter((r) => r.type === type);
const GENERATED_PASSWORD = FAKE_RANDOM_HEX.slice(0, 32);
const SALT = FAKE_RANDOM_HEX.slice(32);

/** The user file line for `password` salted with the stack's salt (htpasswdLine is tested on its own). */
const userFileOf = (user: string, password: string) => htpasswdLine(user, password, Buffer.from(SALT, "hex"));

describe("the program: basic-auth credentials", () => {
    it("generates the password when none is configured, once, silently, as a secret kept in state", async () => {
        const { resources } = await runProgram(SECURITY);
        const [generator] = ofType(resources, "command:local:Command").filter((c) => c.name === "basic-auth-random");
        assert.equal(generator.inputs.create, RANDOM_HEX_COMMAND);
        assert.deepEqual(generator.inputs.interpreter, ["/bin/sh", "-c"]);
        assert.equal(generator.inputs.logging, "none");
        assert.equal(generator.inputs.triggers, undefined, "nothing re-runs it");
        const [secret] = ofType(resources, "kubernetes:core/v1:Secret");
        assert.equal(secret.inputs.stringData.htpasswd, userFileOf("demo", GENERATED_PASSWORD));
    });

    it("exports the user and the generated password as one secret output", async () => {
        const { outputs } = await runProgram(SECURITY);
        assert.deepEqual(outputs.basicAuth, { user: "demo", password: GENERATED_PASSWORD });
    });

    it("lets a configured password win, with the same random salt", async () => {
        const { resources, outputs } = await runProgram({ ...SECURITY, ...WITH_PASSWORD, basicAuthUser: "alice" }, [
            "basicAuthPassword",
        ]);
        const [secret] = ofType(resources, "kubernetes:core/v1:Secret");
        // The same random salt, not one derived from the password.
        assert.equal(secret.inputs.stringData.htpasswd, userFileOf("alice", WITH_PASSWORD.basicAuthPassword));
        const verify = ofType(resources, "command:local:Command").find((c) => c.name.endsWith("-verify"))!;
        assert.equal(verify.inputs.stdin, credentialsInput("alice", WITH_PASSWORD.basicAuthPassword));
        assert.deepEqual(outputs.basicAuth, { user: "alice", password: WITH_PASSWORD.basicAuthPassword });
    });

    it("marks the basicAuth output secret", async () => {
        await runProgram(SECURITY);
        // The module runProgram just evaluated: the Output itself can be asked.
        const program = await import("../index");
        assert.equal(await pulumi.isSecret(program.basicAuth as pulumi.Output<unknown>), true);
    });

    it("has no basicAuth output and no generator without the security example", async () => {
        const { outputs, resources } = await runProgram({ examples: "init-container-test" });
        assert.equal(outputs.basicAuth, undefined);
        assert.deepEqual(
            ofType(resources, "command:local:Command").map((c) => c.name),
            ["init-container-test-images", "init-container-test-verify"],
        );
    });

    it("keeps the password, plain or base64, out of every registered input that is not secret", async () => {
        const { resources } = await runProgram(SECURITY);
        const forms = [GENERATED_PASSWORD, Buffer.from(`demo:${GENERATED_PASSWORD}`).toString("base64")];
        let seen = 0;
        for (const resource of resources) {
            const visible = JSON.stringify(withoutSecrets(resource.inputs, resource.secrets));
            for (const form of forms) assert.ok(!visible.includes(form), `${resource.name} shows ${form}`);
            if (forms.some((form) => JSON.stringify(resource.inputs).includes(form))) seen++;
        }
        assert.equal(seen, 1, "only verification's stdin holds it (the Secret holds a hash)");
    });
});

/** A copy of `inputs` without the values at the given secret paths (`a.b`, `list[0]`). */
function withoutSecrets(inputs: Record<string, any>, secrets: string[]): Record<string, any> {
    const copy = JSON.parse(JSON.stringify(inputs));
    for (const at of secrets) {
        const keys = at.split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== "");
        let parent = copy;
        for (const key of keys.slice(0, -1)) parent = parent?.[key];
        if (parent) delete parent[keys[keys.length - 1]];
    }
    return copy;
}
