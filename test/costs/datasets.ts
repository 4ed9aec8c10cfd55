/**
 * Deterministic input rows shaped like a real list, for the cost tests (test/costs) and the
 * benchmark (bench/): about 10% duplicates (the same contact again, in capitals) and, for the
 * verifier, 2% addresses no mail server could accept. Each data set counts what it holds, so the
 * expected requests and credits are computed from it, not written down.
 */
import type { IDataObject } from 'n8n-workflow';

export interface DataSet {
	rows: IDataObject[];
	/** Rows that repeat an earlier row (same address / same name and company, other case). */
	duplicates: number;
	/** Verifier rows that fail the node's syntax check (never sent by the node). */
	badSyntax: number;
	/** Rows the node must send: distinct, plausible. */
	unique: number;
	/** Finder: unique rows whose email is found (charged 1 credit each; a miss is refunded). */
	uniqueFound: number;
	/** Finder: all rows, duplicates included, whose email is found: what one job per row pays. */
	allFound: number;
	/** Rows Enrow's single-job POST accepts (an `@` with a dot after it): one job per row pays these. */
	acceptedOneByOne: number;
}

const isDuplicate = (i: number, n: number) => n >= 10 && i % 10 === 9;
const isBadSyntax = (i: number, n: number) => n >= 100 && i % 50 === 49;

/** Email Verifier rows `{ email }`. Every 7th address bounces (still charged: a check is a check). */
export function verifierRows(n: number): DataSet {
	const address = (i: number) =>
		`${i % 7 === 3 ? 'bounce' : 'first'}${i}.last${i}@company${i % 997}.com`;
	const rows: IDataObject[] = [];
	let duplicates = 0;
	let badSyntax = 0;
	let noAt = 0;
	for (let i = 0; i < n; i++) {
		if (isBadSyntax(i, n)) {
			badSyntax++;
			// Half have no `@` (Enrow's single POST refuses them too), half a space before it.
			if (i % 100 === 49) noAt++;
			rows.push({ email: i % 100 === 49 ? `first${i}.at.company.com` : `first ${i}@company.com` });
		} else if (isDuplicate(i, n)) {
			duplicates++;
			rows.push({ email: address(i - 5).toUpperCase() });
		} else {
			rows.push({ email: address(i) });
		}
	}
	const unique = n - duplicates - badSyntax;
	return {
		rows,
		duplicates,
		badSyntax,
		unique,
		uniqueFound: 0,
		allFound: 0,
		acceptedOneByOne: n - noAt,
	};
}

/** Email Finder rows `{ fullName, companyDomain }`. Every 20th person is not found (refunded). */
export function finderRows(n: number): DataSet {
	const person = (i: number) => ({
		fullName: i % 20 === 3 ? `Nobody${i} Known${i}` : `First${i} Last${i}`,
		companyDomain: `company${i % 997}.com`,
	});
	const found = (i: number) => i % 20 !== 3;
	const rows: IDataObject[] = [];
	let duplicates = 0;
	let uniqueFound = 0;
	let allFound = 0;
	for (let i = 0; i < n; i++) {
		const source = isDuplicate(i, n) ? i - 5 : i;
		const { fullName, companyDomain } = person(source);
		if (source !== i) {
			duplicates++;
			rows.push({ fullName: fullName.toUpperCase(), companyDomain: companyDomain.toUpperCase() });
		} else {
			rows.push({ fullName, companyDomain });
			if (found(i)) uniqueFound++;
		}
		if (found(source)) allFound++;
	}
	const unique = n - duplicates;
	return { rows, duplicates, badSyntax: 0, unique, uniqueFound, allFound, acceptedOneByOne: n };
}

/** The distinct people of `finderRows`, `n` of them: what single finds over different people send. */
export function distinctPeople(n: number, from = 0): IDataObject[] {
	return Array.from({ length: n }, (_, i) => ({
		fullName: `First${from + i} Last${from + i}`,
		companyDomain: `company${(from + i) % 997}.com`,
	}));
}
