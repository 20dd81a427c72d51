import * as fs from "fs";
import * as path from "path";

/** Every .ts file under `dir`, recursively. */
export function tsSources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return tsSources(full);
        return entry.name.endsWith(".ts") ? [full] : [];
    });
}
