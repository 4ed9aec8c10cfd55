/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// The request timeout and pacer registries, replaced by test-owned ones (test/support/injectedShared.ts).
	setupFiles: ['<rootDir>/test/support/vecJestSetup.ts'],
	testTimeout: 60000,
};
