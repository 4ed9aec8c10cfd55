#!/usr/bin/env node
'use strict';
/**
 * First step of `npm run build`: removes each package's dist/ so a build never ships a file
 * that an earlier build left behind (a renamed node, a deleted credential). Skips package
 * folders that do not exist.
 *
 *   node scripts/release/cleanDist.js
 */
const fs = require('fs');
const path = require('path');
const { existingPackages } = require('./packages');

for (const pkg of existingPackages()) {
	fs.rmSync(path.join(pkg.dir, 'dist'), { recursive: true, force: true });
}
