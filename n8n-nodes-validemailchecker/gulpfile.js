const { src, dest } = require('gulp');

// n8n resolves `file:` icon paths relative to the compiled node and credential files,
// so the svgs must sit at the same relative place inside dist/.
function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

exports['build:icons'] = copyIcons;
