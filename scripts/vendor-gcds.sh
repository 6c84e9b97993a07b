#!/usr/bin/env bash
# Vendor the GC Design System (GCDS) web components + fonts from the npm
# registry into static/vendor/ so the site works fully offline (no CDN, no
# Google Fonts) and survives Django's ManifestStaticFilesStorage.
#
# Usage:   scripts/vendor-gcds.sh
#          GCDS_COMPONENTS_VERSION=1.3.1 GCDS_FONTS_VERSION=1.1.1 scripts/vendor-gcds.sh
#
# Output (both directories are wiped and recreated on every run):
#   static/vendor/gcds/        dist/gcds/ of the components package (gcds.css,
#                              gcds.esm.js, lazy-loaded p-*.js chunks) + VERSION
#   static/vendor/gcds-fonts/  fonts/ of the fonts package (icons, lato,
#                              noto-sans, noto-sans-mono: font files, css, LICENSE)
#
# Offline edits applied (see docs/gcds.md):
#   * gcds.css: Google Fonts @import  -> @import of the vendored font css
#               CDN icon-font url()    -> ../gcds-fonts/icons/...
#   * fonts css: "path/to/file/" and "<path-to-file>/" placeholders -> same dir;
#               text fonts get font-display: optional (no swap after first paint: no CLS)
#   * sourceMappingURL comments pointing at files that are not vendored are removed
# The script then fails if any css url()/@import is external or unresolvable.
set -euo pipefail

GCDS_COMPONENTS_VERSION="${GCDS_COMPONENTS_VERSION:-1.3.1}"
GCDS_FONTS_VERSION="${GCDS_FONTS_VERSION:-1.1.1}"

COMPONENTS_PKG="@gcds-core/components"
COMPONENTS_PKG_LEGACY="@cdssnc/gcds-components"
FONTS_PKG="@gcds-core/fonts"
FONTS_PKG_LEGACY="@cdssnc/gcds-fonts"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR_DIR="$REPO_ROOT/static/vendor"
DEST_COMPONENTS="$VENDOR_DIR/gcds"
DEST_FONTS="$VENDOR_DIR/gcds-fonts"

log() { printf '[vendor-gcds] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v npm >/dev/null || die "npm is required"
command -v node >/dev/null || die "node is required"

NPM=(npm --loglevel=error)

# Print the package name that provides $version: the primary name if it has
# that version, otherwise the legacy name.
resolve_pkg() {
    local primary="$1" legacy="$2" version="$3" found
    for pkg in "$primary" "$legacy"; do
        found="$("${NPM[@]}" view "$pkg@$version" version 2>/dev/null | tail -n1 || true)"
        if [[ "$found" == "$version" ]]; then
            printf '%s\n' "$pkg"
            return 0
        fi
        log "$pkg@$version not found in the registry"
    done
    return 1
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/vendor-gcds.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# npm pack into $WORK/<dir>, extract; prints "<integrity>" of the tarball.
fetch() {
    local spec="$1" dir="$2" json tarball integrity
    mkdir -p "$WORK/$dir"
    json="$(cd "$WORK" && "${NPM[@]}" pack "$spec" --json --pack-destination "$WORK")"
    tarball="$(node -e 'const j=JSON.parse(require("fs").readFileSync(0,"utf8"));process.stdout.write(j[0].filename)' <<<"$json")"
    integrity="$(node -e 'const j=JSON.parse(require("fs").readFileSync(0,"utf8"));process.stdout.write(j[0].integrity||"")' <<<"$json")"
    tar -xzf "$WORK/$tarball" -C "$WORK/$dir"
    printf '%s\n' "$integrity"
}

COMPONENTS_NAME="$(resolve_pkg "$COMPONENTS_PKG" "$COMPONENTS_PKG_LEGACY" "$GCDS_COMPONENTS_VERSION")" \
    || die "no components package for version $GCDS_COMPONENTS_VERSION"
FONTS_NAME="$(resolve_pkg "$FONTS_PKG" "$FONTS_PKG_LEGACY" "$GCDS_FONTS_VERSION")" \
    || die "no fonts package for version $GCDS_FONTS_VERSION"

log "fetching $COMPONENTS_NAME@$GCDS_COMPONENTS_VERSION"
COMPONENTS_INTEGRITY="$(fetch "$COMPONENTS_NAME@$GCDS_COMPONENTS_VERSION" components)"
log "fetching $FONTS_NAME@$GCDS_FONTS_VERSION"
FONTS_INTEGRITY="$(fetch "$FONTS_NAME@$GCDS_FONTS_VERSION" fonts)"

SRC_COMPONENTS="$WORK/components/package/dist/gcds"
[[ -f "$SRC_COMPONENTS/gcds.esm.js" ]] || die "unexpected package layout: $SRC_COMPONENTS/gcds.esm.js missing"
SRC_FONTS="$WORK/fonts/package/fonts"
[[ -d "$SRC_FONTS" ]] || SRC_FONTS="$WORK/fonts/package"

# ---------------------------------------------------------------- copy
rm -rf "$DEST_COMPONENTS" "$DEST_FONTS"
mkdir -p "$DEST_COMPONENTS" "$DEST_FONTS"
cp -R "$SRC_COMPONENTS/." "$DEST_COMPONENTS/"
# Font files, their css and licences (READMEs are install notes, not needed).
(
    cd "$SRC_FONTS"
    find . -type f \( -name '*.css' -o -name '*.woff' -o -name '*.woff2' -o -name '*.ttf' \
        -o -name '*.eot' -o -name '*.svg' -o -name '*.otf' -o -iname 'LICENSE*' -o -iname 'OFL*' \) \
        -print0 | while IFS= read -r -d '' f; do
            mkdir -p "$DEST_FONTS/$(dirname "$f")"
            cp "$f" "$DEST_FONTS/$f"
        done
)
chmod -R u+rwX,go+rX "$DEST_COMPONENTS" "$DEST_FONTS"

# ---------------------------------------------------------------- offline fixes + checks
FONTS_REL="$(realpath --relative-to="$DEST_COMPONENTS" "$DEST_FONTS")"   # ../gcds-fonts
node - "$DEST_COMPONENTS" "$DEST_FONTS" "$FONTS_REL" "$GCDS_FONTS_VERSION" <<'NODE'
const fs = require('fs');
const path = require('path');
const [componentsDir, fontsDir, fontsRel, fontsVersion] = process.argv.slice(2);

const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
const rel = (from, to) => path.relative(path.dirname(from), to).split(path.sep).join('/');
const fail = (msg) => { console.error(`[vendor-gcds] ERROR: ${msg}`); process.exitCode = 1; };
const log = (msg) => console.error(`[vendor-gcds] ${msg}`);

// Font stylesheets shipped by the fonts package (relative to fontsDir).
const fontCss = walk(fontsDir).filter((f) => f.endsWith('.css'));
const textFontCss = fontCss.filter((f) => !/icons?[\/\\]/.test(path.relative(fontsDir, f)));

// 1. fonts css: placeholder paths -> same directory as the css file.
for (const f of fontCss) {
  let s = fs.readFileSync(f, 'utf8');
  const before = s;
  s = s.replace(/\/\*[^*]*?Replace\s+(?:path\/to\/file|<path-to-file>)[\s\S]*?\*\//g,
    '/* Font paths rewritten to relative URLs by scripts/vendor-gcds.sh */');
  s = s.replace(/(url\(\s*["']?)(?:\.\/)?(?:path\/to\/file|<path-to-file>)\/+/g, '$1');
  // Text fonts never swap in after the page is drawn (that moves the text: layout shift).
  // With the preloads in base.html they are ready for the first paint; a visitor on a slow
  // line sees the fallback font until the next page instead of text jumping.
  if (textFontCss.includes(f)) {
    s = s.replace(/@font-face\s*\{(?![^}]*font-display)/g, '@font-face {\n  font-display: optional;');
  }
  if (s !== before) { fs.writeFileSync(f, s); log(`rewrote ${path.relative(fontsDir, f)}`); }
}

// 2. components css: drop the Google Fonts @import (base.html links the vendored font css
//    directly: the components copy gcds.css into their shadow roots, where a relative
//    @import would resolve against the page URL) and point the CDN icon font at our copy.
for (const f of walk(componentsDir).filter((p) => p.endsWith('.css'))) {
  let s = fs.readFileSync(f, 'utf8');
  const before = s;
  s = s.replace(/@import\s+(?:url\(\s*)?["']?https?:\/\/fonts\.googleapis\.com\/[^"')]*["']?\s*\)?[^;]*;/g,
    () => '');
  s = s.replace(/url\(\s*(["']?)https?:\/\/[^)"']*?\/(?:@[\w-]+\/)?(?:gcds-)?fonts@([^/)"']+)\/(?:fonts\/)?([^)"']+)\1\s*\)/g,
    (m, q, ver, file) => {
      if (ver !== fontsVersion) log(`note: ${path.basename(f)} referenced fonts@${ver}, vendored fonts are ${fontsVersion}`);
      const target = path.join(fontsDir, file);
      return `url(${q}${rel(f, target)}${q})`;
    });
  if (s !== before) { fs.writeFileSync(f, s); log(`rewrote external font references in ${path.relative(componentsDir, f)}`); }
}

// 3. sourceMappingURL comments pointing at files that are not vendored.
for (const f of [...walk(componentsDir), ...walk(fontsDir)].filter((p) => /\.(m?js|css)$/.test(p))) {
  let s = fs.readFileSync(f, 'utf8');
  const re = /(?:\/\/[#@]\s*sourceMappingURL=([^\s'"]+)[^\n]*|\/\*[#@]\s*sourceMappingURL=([^\s*]+)\s*\*\/)/g;
  const out = s.replace(re, (m, a, b) => {
    const u = a || b;
    if (u.startsWith('data:')) return m;
    return fs.existsSync(path.join(path.dirname(f), u.split(/[?#]/)[0])) ? m : '';
  });
  if (out !== s) { fs.writeFileSync(f, out); log(`stripped dangling sourceMappingURL in ${path.basename(f)}`); }
}

// 4. verify every css url()/@import is relative and resolves to a vendored file.
for (const f of [...walk(componentsDir), ...walk(fontsDir)].filter((p) => p.endsWith('.css'))) {
  const s = fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const refs = [...s.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)].map((m) => m[2].trim())
    .concat([...s.matchAll(/@import\s+(["'])([^"']+)\1/g)].map((m) => m[2]));
  for (const u of refs) {
    if (u.startsWith('data:') || u.startsWith('#')) continue;
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(u)) { fail(`${f}: external url ${u}`); continue; }
    if (u.startsWith('/')) { fail(`${f}: root-absolute url ${u}`); continue; }
    const target = path.join(path.dirname(f), u.split(/[?#]/)[0]);
    if (!fs.existsSync(target)) fail(`${f}: url ${u} does not resolve to a vendored file`);
  }
}
NODE

# ---------------------------------------------------------------- CSP hash
# The Stencil runtime injects ONE inline <style data-styles> into <head>:
#   "<all gcds tag names, sorted, comma-joined>{visibility:hidden}.hydrated{visibility:inherit}"
# Compute its CSP hash from the bundle's component list (empty if the runtime changed).
STYLE_HASH="$(node - "$DEST_COMPONENTS" <<'NODE'
const fs = require('fs'), path = require('path'), crypto = require('crypto');
const dir = process.argv[2];
const suffix = '{visibility:hidden}.hydrated{visibility:inherit}';
const js = fs.readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
if (!js.some((s) => s.includes(`"${suffix}"`))) process.exit(0);
const esm = fs.readFileSync(path.join(dir, 'gcds.esm.js'), 'utf8');
const tags = [...new Set([...esm.matchAll(/\[\d+,"([a-z][a-z0-9]*-[a-z0-9-]+)",\{/g)].map((m) => m[1]))].sort();
if (tags.length) process.stdout.write(`'sha256-${crypto.createHash('sha256').update(tags.join(',') + suffix).digest('base64')}'`);
NODE
)"
[[ -n "$STYLE_HASH" ]] || log "WARNING: could not compute the hydration <style> CSP hash (Stencil runtime changed?)"

# ---------------------------------------------------------------- VERSION
cat >"$DEST_COMPONENTS/VERSION" <<EOF
# Generated by scripts/vendor-gcds.sh -- do not edit; re-run the script instead.
GCDS_COMPONENTS_PACKAGE=$COMPONENTS_NAME
GCDS_COMPONENTS_VERSION=$GCDS_COMPONENTS_VERSION
GCDS_COMPONENTS_INTEGRITY=$COMPONENTS_INTEGRITY
GCDS_FONTS_PACKAGE=$FONTS_NAME
GCDS_FONTS_VERSION=$GCDS_FONTS_VERSION
GCDS_FONTS_INTEGRITY=$FONTS_INTEGRITY
# CSP style-src source for the inline <style data-styles> injected by the runtime
GCDS_HYDRATION_STYLE_CSP_HASH=$STYLE_HASH
EOF

log "vendored $COMPONENTS_NAME@$GCDS_COMPONENTS_VERSION -> ${DEST_COMPONENTS#"$REPO_ROOT"/}"
log "vendored $FONTS_NAME@$GCDS_FONTS_VERSION -> ${DEST_FONTS#"$REPO_ROOT"/}"
log "total size: $(du -sh "$DEST_COMPONENTS" "$DEST_FONTS" | awk '{print $1}' | paste -sd+ -) ($(du -sch "$DEST_COMPONENTS" "$DEST_FONTS" | tail -n1 | cut -f1) total)"
