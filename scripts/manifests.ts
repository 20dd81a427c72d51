import * as fs from "fs";
import * as path from "path";
import { manifestFileName, renderManifest } from "../components/outputs/manifests";
import { allExamples } from "../examples";

// `npm run manifests`: (re)writes examples/<manifestFile> for every example.
const dir = path.join(__dirname, "..", "examples");
for (const def of allExamples) {
    fs.writeFileSync(path.join(dir, manifestFileName(def)), renderManifest(def));
    console.log(`wrote examples/${manifestFileName(def)}`);
}
