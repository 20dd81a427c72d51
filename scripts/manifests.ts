import * as fs from "fs";
import * as path from "path";
import { renderManifest } from "../components/manifests";
import { allExamples } from "../examples";

// `npm run manifests`: (re)writes examples/<manifestFile> for every example.
const dir = path.join(__dirname, "..", "examples");
for (const def of allExamples) {
    fs.writeFileSync(path.join(dir, def.manifestFile), renderManifest(def));
    console.log(`wrote examples/${def.manifestFile}`);
}
