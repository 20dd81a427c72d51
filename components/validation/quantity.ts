// Kubernetes resource quantities as numbers, enough to compare requests with limits. The grammar is the API
// server's (k8s.io/apimachinery/pkg/api/resource, quantity.go):
//   <quantity>     ::= <signedNumber><suffix>
//   <signedNumber> ::= [+-]? (<digits> | <digits>.<digits> | <digits>. | .<digits>)
//   <suffix>       ::= <binarySI> | <decimalSI> | <decimalExponent>
//   <binarySI>     ::= Ki | Mi | Gi | Ti | Pi | Ei
//   <decimalSI>    ::= n | u | m | "" | k | M | G | T | P | E     (n and u: parsed, though the doc omits them)
//   <decimalExponent> ::= e <signed digits> | E <signed digits>

const SUFFIXES: Record<string, number> = {
    "": 1,
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};

const QUANTITY =
    /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?[0-9]+))?$/;

/** The quantity's value in base units, or undefined when `text` is not a quantity the API server accepts. */
export function parseQuantity(text: string): number | undefined {
    const match = QUANTITY.exec(text);
    if (!match) return undefined;
    const [, number, suffix, exponent] = match;
    const value = Number(number) * (exponent === undefined ? SUFFIXES[suffix ?? ""] : 10 ** Number(exponent));
    return Number.isFinite(value) ? value : undefined;
}
