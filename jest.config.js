/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// Refreshes the ValidEmailChecker package's copy of nodes/shared/ (committed; CI checks it is current).
	globalSetup: '<rootDir>/scripts/build/copySharedCode.js',
	// The shipped timings and pacer registries, replaced by test-owned ones (test/support/injected.ts).
	setupFiles: ['<rootDir>/test/support/vecJestSetup.ts', '<rootDir>/test/support/jestSetup.ts'],
	testTimeout: 60000,
};
