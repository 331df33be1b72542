#!/bin/sh
# Copy the browser builds of the npm libraries the web app uses into the Python package, so a
# pip install works offline without npm. Run after `npm ci` (or via `npm run build`).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
modules="$here/node_modules"
vendor="$here/../dossier/web/static/vendor"
rm -rf "$vendor"
mkdir -p "$vendor/leaflet/images" "$vendor/licenses"
cp "$modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js" "$vendor/"
cp "$modules/vis-timeline/styles/vis-timeline-graph2d.min.css" "$vendor/"
cp "$modules/cytoscape/dist/cytoscape.min.js" "$vendor/"
cp "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" "$vendor/leaflet/"
cp "$modules/leaflet/dist/images/"*.png "$vendor/leaflet/images/"
cp "$modules/topojson-client/dist/topojson-client.min.js" "$vendor/"
cp "$modules/world-atlas/countries-110m.json" "$vendor/"
cp "$modules/vis-timeline/LICENSE.MIT.txt" "$vendor/licenses/vis-timeline.MIT.txt"
cp "$modules/cytoscape/LICENSE" "$vendor/licenses/cytoscape.txt"
cp "$modules/leaflet/LICENSE" "$vendor/licenses/leaflet.txt"
cp "$modules/topojson-client/LICENSE" "$vendor/licenses/topojson-client.txt"
cp "$modules/world-atlas/LICENSE" "$vendor/licenses/world-atlas.txt"
echo "vendor files copied to $vendor"
