import * as fs from "fs";
import * as path from "path";
import {
    diagramDocPath,
    renderDiagramDoc,
    renderReadmeDiagrams,
    replaceReadmeDiagrams,
} from "../components/outputs/diagramDocs";
import { allExamples } from "../examples";

// `npm run diagrams`: (re)writes docs/<pod>.md for every example and the README's "Pictures of the pods".
const root = path.join(__dirname, "..");
fs.mkdirSync(path.join(root, "docs"), { recursive: true });
for (const def of allExamples) {
    fs.writeFileSync(path.join(root, diagramDocPath(def)), renderDiagramDoc(def));
    console.log(`wrote ${diagramDocPath(def)}`);
}
const readmePath = path.join(root, "README.md");
const readme = fs.readFileSync(readmePath, "utf8");
fs.writeFileSync(readmePath, replaceReadmeDiagrams(readme, renderReadmeDiagrams(allExamples)));
console.log("wrote README.md (between the diagrams markers)");
