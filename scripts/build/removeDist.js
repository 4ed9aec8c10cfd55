/**
 * Removes dist/ in the current folder before a build, so nothing compiled from a file that was
 * moved or deleted since (say, a node that moved to the other package) is packed and published.
 *
 *   node scripts/build/removeDist.js          (in the repository root or a package's folder)
 */
const fs = require('fs');
const path = require('path');

fs.rmSync(path.join(process.cwd(), 'dist'), { recursive: true, force: true });
