import { strict as assert } from "assert";
import { parseQuantity } from "../../../components/validation/quantity";

// The API server's quantity grammar (k8s.io/apimachinery resource.Quantity), value by value.
describe("parseQuantity", () => {
    const accepted: Array<[string, number]> = [
        ["1", 1],
        ["100m", 0.1],
        ["64Mi", 64 * 2 ** 20],
        ["1.5", 1.5],
        [".5", 0.5],
        ["5.", 5],
        ["+2", 2],
        ["-100m", -0.1],
        ["1e3", 1000],
        ["1E3", 1000],
        ["1.5e3", 1500],
        ["2e-3", 0.002],
        ["1E+2", 100],
        ["250u", 250e-6],
        ["500n", 500e-9],
        ["1k", 1000],
        ["2Gi", 2 * 2 ** 30],
        ["3Ei", 3 * 2 ** 60],
    ];
    for (const [text, value] of accepted) {
        it(`reads ${JSON.stringify(text)} as ${value}`, () => {
            const parsed = parseQuantity(text);
            assert.ok(parsed !== undefined, `${text} refused`);
            assert.ok(Math.abs(parsed - value) <= Math.abs(value) * 1e-12, `${text}: ${parsed}`);
        });
    }

    for (const text of [
        "",
        ".",
        "1.2.3",
        "1K",
        "1mi",
        "1KiB",
        "e3",
        "1e",
        "1e1.5",
        "1 Mi",
        "Mi",
        "1Mi2",
        "0x10",
        "1em",
    ]) {
        it(`refuses ${JSON.stringify(text)}`, () => assert.equal(parseQuantity(text), undefined));
    }
});
