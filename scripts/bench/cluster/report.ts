// Samples, their min/median/max, the table `npm run bench:cluster` prints and the goals of issue 15.

export interface Stats {
    readonly min: number;
    readonly median: number;
    readonly max: number;
}

/** Seconds rounded to the millisecond, for the JSON. */
const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

export class Samples {
    private readonly values = new Map<string, number[]>();

    add(key: string, seconds: number): void {
        const list = this.values.get(key) ?? [];
        list.push(seconds);
        this.values.set(key, list);
    }

    get(key: string): readonly number[] {
        return this.values.get(key) ?? [];
    }

    stats(key: string): Stats | undefined {
        const sorted = [...this.get(key)].sort((a, b) => a - b);
        if (sorted.length === 0) return undefined;
        const middle = sorted.length / 2;
        const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
        return { min: sorted[0], median, max: sorted[sorted.length - 1] };
    }

    toJSON(): Record<string, { seconds: number[] } & Stats> {
        return Object.fromEntries(
            [...this.values.keys()].map((key) => {
                const { min, median, max } = this.stats(key)!;
                return [key, { seconds: this.get(key).map(ms), min: ms(min), median: ms(median), max: ms(max) }];
            }),
        );
    }
}

export interface Ratio {
    readonly formula: string;
    readonly value: number | undefined;
    /** Absent for a ratio printed for information only. */
    readonly limit?: number;
}

export const met = (ratio: Ratio) =>
    ratio.value === undefined ? "n/a" : ratio.value <= ratio.limit! ? "met" : "NOT met";

/** A ratio of medians; undefined when a figure it needs was not measured. */
export function ratioOf(
    samples: Samples,
    formula: string,
    compute: (median: (key: string) => number) => number,
    limit?: number,
): Ratio {
    const median = (key: string) => {
        const stats = samples.stats(key);
        if (!stats) throw new Error(`no samples for ${key}`);
        return stats.median;
    };
    try {
        return { formula, value: compute(median), limit };
    } catch {
        return { formula, value: undefined, limit };
    }
}

const cell = (samples: Samples, key: string | undefined) => {
    const stats = key ? samples.stats(key) : undefined;
    return stats ? `${stats.min.toFixed(1)} / ${stats.median.toFixed(1)} / ${stats.max.toFixed(1)}` : "";
};

/** One line of the table: sample keys of our figure and of the kubectl and floor figures beside it. */
export interface RowSpec {
    readonly label: string;
    readonly ours?: string;
    readonly kubectl?: string;
    readonly floor?: string;
    /** Ratio of medians, with the goal it is checked against (if any). */
    readonly ratio?: Ratio;
}

export function renderTable(samples: Samples, specs: readonly RowSpec[]): string {
    const header = ["", "ours", "kubectl", "floor", "ratio of medians", "value", "goal", ""];
    const rows = specs.map((spec) => {
        const ratio = spec.ratio;
        return [
            spec.label,
            cell(samples, spec.ours),
            cell(samples, spec.kubectl),
            cell(samples, spec.floor),
            ratio?.formula ?? "",
            ratio?.value === undefined ? (ratio ? "n/a" : "") : ratio.value.toFixed(2),
            ratio?.limit === undefined ? "" : `≤ ${ratio.limit}`,
            ratio?.limit === undefined ? "" : met(ratio),
        ];
    });
    const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
    const line = (row: string[]) =>
        row
            .map((text, column) =>
                column === 0 || column === 4 ? text.padEnd(widths[column]) : text.padStart(widths[column]),
            )
            .join("  ")
            .trimEnd();
    return [line(header), ...rows.map(line)].join("\n");
}
