/**
 * End-to-end suites: a real n8n 2.41.1 runs this package against the API simulator.
 * Run with `npm run test:e2e` (installs n8n into a cache outside the repo first).
 * Files are named *.e2e.ts so the unit suite (jest.config.js, *.test.ts under test/) skips them.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/support/globalSetup.ts',
	testTimeout: 10 * 60 * 1000,
	maxWorkers: 1,
};
