/**
 * The browser check: `npm run test:browser` (installs the reference n8n first when missing).
 * Starts what `npm run dev` starts, on free ports, and drives Debian's Chromium with
 * playwright-core. Files are named *.browser.ts so `npm test` and the e2e suites skip them.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/browser'],
	testMatch: ['**/*.browser.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 5 * 60 * 1000,
	maxWorkers: 1,
};
