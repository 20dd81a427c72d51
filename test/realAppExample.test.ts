import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { NGINX_EXPORTER_IMAGE, NOTES_APP_IMAGE } from "../examples/images";

// real-app-example/ is a user's own program (test/cluster/realApp.test.ts runs it on the cluster): it names its
// images and versions itself, as a user's would. These checks keep them the ones this repository builds and pins.
const ROOT = path.join(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, "real-app-example", file), "utf8");
const ours = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

describe("the wrapped real app (real-app-example/)", () => {
    const program = read("index.ts");

    it("deploys the app image scripts/cluster/images.sh builds, and the exporter the local cluster has", () => {
        assert.ok(program.includes(`"${NOTES_APP_IMAGE}"`), `index.ts names ${NOTES_APP_IMAGE}`);
        assert.ok(program.includes(`"${NGINX_EXPORTER_IMAGE}"`), `index.ts names ${NGINX_EXPORTER_IMAGE}`);
        assert.match(fs.readFileSync(path.join(ROOT, "scripts/cluster/images.sh"), "utf8"), /NOTES_APP_IMAGE/);
    });

    it("takes the package from the tarball `npm pack` writes, beside the Pulumi SDKs at package.json's versions", () => {
        const manifest = JSON.parse(read("package.json"));
        assert.equal(manifest.dependencies[ours.name], `file:../${ours.name}-${ours.version}.tgz`);
        for (const sdk of ["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/command"]) {
            // The versions this repository pins (and the toolchain's plugins follow), inside our peer range.
            const pinned = ours.devDependencies?.[sdk];
            assert.equal(manifest.dependencies[sdk], pinned, `${sdk} ${manifest.dependencies[sdk]} (ours: ${pinned})`);
            const [major, minor] = String(ours.peerDependencies?.[sdk]).replace(/^\^/, "").split(".").map(Number);
            const [theirMajor, theirMinor] = manifest.dependencies[sdk].split(".").map(Number);
            assert.ok(
                theirMajor === major && theirMinor >= minor,
                `${sdk} ${manifest.dependencies[sdk]} in ^${major}.${minor}`,
            );
        }
        assert.match(program, /from "multi-container-pods";/);
    });

    it("runs the app as its image's user, in the group the kubelet gives the claim's volume", () => {
        assert.match(program, /runAsUser: 10001/);
        assert.match(program, /fsGroup: 10001/);
        assert.match(read("local-volume.yaml"), /fsGroup \(10001\)/);
        assert.match(read("app/notes-app.sh"), /^#!\/bin\/sh/);
    });
});
