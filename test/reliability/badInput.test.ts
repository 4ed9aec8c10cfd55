/**
 * Issue 8 §2: 12,000 rows of which 1 % are bad (empty, wrong types, objects where text belongs,
 * impossible addresses, 10 KB strings), mixed with good rows that have unicode names. Every good
 * row gets its result; every bad row gets an error naming the row and the fix (or, for an
 * impossible address, the documented free "invalid" result), with and without Continue On Fail.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { RunNodeResult } from '../harness';
import { PHONE_EITHER_MAPPED } from '../support/mappedInputs';
import { runEnrow, resetSimulator, useReliabilityCases } from './support/kit';
import { descriptionOf, jsonOf, messageOf, pairedIndexes } from './support/read';
import {
	FIND_BULK,
	VEC,
	VERIFY_BULK,
	countsOf,
	runOperation,
	type Operation,
} from './support/operations';

let simulator: Simulator;
const cases = useReliabilityCases(__filename, (started) => (simulator = started));

const ROWS = 12_000;
/** 1 %: items 37, 137, 237... */
const isBad = (i: number) => i % 100 === 37;
const TEN_KB = 'x'.repeat(10 * 1024);

const UNICODE_NAMES = [
	'José Ñúñez',
	'Zoë O’Brien-Łukasiewicz',
	'山田 太郎',
	'Ἀλέξανδρος Παπαδόπουλος',
	'محمد الأحمد',
	'Сергей Иванов',
	'Ngọc Trần',
	'😀 Smiley Face',
];

interface BadRow {
	kind: string;
	fields: IDataObject;
	/** The message the node gives this row, `#` standing for its item index. */
	message: string;
}

/** A finder row whose name is bad, at a good domain: the message is Full Name's `problem`. */
const badName = (kind: string, name: unknown, problem: string): BadRow => ({
	kind,
	fields: { name, domain: 'acme-corp.com' } as IDataObject,
	message: `Full Name of item # ${problem}`,
});
/** A finder row with a good name whose domain is bad. */
const badDomain = (kind: string, domain: unknown, problem: string): BadRow => ({
	kind,
	fields: { name: 'Jim Halpert', domain } as IDataObject,
	message: `Company Domain of item # ${problem}`,
});

/** Finder rows: `name` → Full Name, `domain` → Company Domain. */
const FINDER_BAD: BadRow[] = [
	badName('empty name', '', 'is empty'),
	badName('blank name', '   ', 'is empty'),
	badName('null name', null, 'is empty'),
	{
		kind: 'missing name',
		fields: { domain: 'acme-corp.com' },
		message: 'Full Name of item # is empty',
	},
	badName('boolean name', true, 'is a boolean, not text'),
	badName('list name', ['Jim', 'Halpert'], 'is a list, not text'),
	badName('object name', { first: 'Jim' }, 'is an object, not text'),
	badDomain('object domain', { url: 'acme-corp.com' }, 'is an object, not text'),
	{
		kind: 'no company',
		fields: { name: 'Jim Halpert', domain: '' },
		message: 'Item # has neither a company domain nor a company name',
	},
	badName('10 KB name', TEN_KB, 'is 10,240 characters long (at most 200)'),
	badDomain('10 KB domain', TEN_KB, 'is 10,240 characters long (at most 253)'),
];

/** Verifier rows: `email` → Email. Impossible addresses are not errors: a free "invalid" result. */
const VERIFIER_BAD: Array<BadRow & { syntax?: boolean }> = [
	{ kind: 'empty', fields: { email: '' }, message: 'Email of item # is empty' },
	{ kind: 'null', fields: { email: null }, message: 'Email of item # is empty' },
	{ kind: 'missing', fields: {}, message: 'Email of item # is empty' },
	{ kind: 'boolean', fields: { email: false }, message: 'Email of item # is a boolean, not text' },
	{
		kind: 'list',
		fields: { email: ['pam@dundermifflin.com'] },
		message: 'Email of item # is a list, not text',
	},
	{
		kind: 'object',
		fields: { email: { address: 'pam@dundermifflin.com' } },
		message: 'Email of item # is an object, not text',
	},
	{
		kind: '10 KB',
		fields: { email: `${TEN_KB}@acme-corp.com` },
		message: 'Email of item # is 10,254 characters long (at most 320)',
	},
	{ kind: 'no @', fields: { email: 'pam.dundermifflin.com' }, message: '', syntax: true },
	{ kind: 'no dot in the domain', fields: { email: 'pam@localhost' }, message: '', syntax: true },
	{ kind: 'spaces', fields: { email: 'pam beesly@dundermifflin.com' }, message: '', syntax: true },
];

interface Dataset {
	input: IDataObject[];
	bad: Map<number, BadRow & { syntax?: boolean }>;
	unicode: number[];
}

/**
 * `count` rows: the bad ones (see isBad) take `badRows` in turn, every 50th from item 11 is
 * `unicodeRow(how many so far, index)`, the rest `plainRow(index)`.
 */
function dataset(
	count: number,
	badRows: Array<BadRow & { syntax?: boolean }>,
	unicodeRow: (nth: number, i: number) => IDataObject,
	plainRow: (i: number) => IDataObject,
): Dataset {
	const input: IDataObject[] = [];
	const bad = new Map<number, BadRow & { syntax?: boolean }>();
	const unicode: number[] = [];
	for (let i = 0; i < count; i++) {
		if (isBad(i)) {
			const row = badRows[bad.size % badRows.length];
			bad.set(i, row);
			input.push({ ...row.fields });
		} else if (i % 50 === 11) {
			unicode.push(i);
			input.push(unicodeRow(unicode.length, i));
		} else {
			input.push(plainRow(i));
		}
	}
	return { input, bad, unicode };
}

const finderRows = (count: number): Dataset =>
	dataset(
		count,
		FINDER_BAD,
		(nth, i) => ({
			name: `${UNICODE_NAMES[nth % UNICODE_NAMES.length]} ${i}`,
			domain: 'acme-corp.com',
		}),
		(i) => ({ name: `Lead ${i} Person`, domain: `company${i % 40}.com` }),
	);

const UNICODE_ADDRESSES = ['josé.ñúñez', 'zoë.obrien', '山田', 'ἀλέξανδρος', 'сергей'];
const verifierRows = (count: number): Dataset =>
	dataset(
		count,
		VERIFIER_BAD,
		(nth, i) => ({
			email: `${UNICODE_ADDRESSES[nth % UNICODE_ADDRESSES.length]}${i}@exämple-müller.de`,
		}),
		(i) => ({ email: `lead${i}@acme-corp.com` }),
	);

const FIX = /Map a text field|is required|it should look like|needs at least one of/;

/** Runs all rows with Continue On Fail; `sentRows` counts the rows sent to Enrow. */
async function runEveryRow(op: Operation, data: Dataset) {
	const result = await runOperation(simulator, op, { input: data.input, continueOnFail: true });
	const stats = simulator.stats();
	const sentRows = stats.jobs.reduce((sum, job) => sum + job.rows, 0);
	return { result, out: jsonOf(result), stats, sentRows };
}

/** A successful run with one item per input row, each paired with its own row. */
function expectOneItemPerRow(result: RunNodeResult, data: Dataset): void {
	expect(result.status).toBe('success');
	expect(jsonOf(result)).toHaveLength(ROWS);
	expect(pairedIndexes(result)).toEqual(data.input.map((_, i) => i));
}

const rowCase = cases.inArea('input', 120_000);

const finder = finderRows(ROWS);
const verifier = verifierRows(ROWS);

rowCase(
	{
		fault:
			'12,000 rows, 1 % bad (empty, null, boolean, list, object, 10 KB, no company), unicode names; Continue On Fail',
		operation: FIND_BULK.label,
	},
	'12,000 rows with 1 % bad, Continue On Fail: Find emails in bulk gives every good row its result and every bad row an error naming it and the fix',
	async (proof) => {
		const { result, out, stats, sentRows } = await runEveryRow(FIND_BULK, finder);
		proof.did(
			`${(ROWS - finder.bad.size).toLocaleString('en-US')} good rows (${finder.unicode.length} with unicode names, kept as written) got their results; each of the ${finder.bad.size} bad rows got its own error naming the item and the fix (e.g. “${finder.bad.get(137)!.message.replace('#', '137')}”); bad rows were never sent: ${stats.jobs.length} jobs, ${sentRows.toLocaleString('en-US')} rows sent`,
		);
		expectOneItemPerRow(result, finder);
		out.forEach((json, i) => {
			const bad = finder.bad.get(i);
			if (bad) {
				expect(json.error).toBe(bad.message.replace('#', String(i)));
				expect(json.errorDescription).toMatch(FIX);
				expect(json.jobId).toBeUndefined();
			} else {
				expect(json.error).toBeUndefined();
				expect(json).toMatchObject({ status: 'completed', fullName: finder.input[i].name });
				expect(typeof json.found).toBe('boolean');
			}
		});
		expect(sentRows).toBe(ROWS - finder.bad.size);
		// Nothing of a bad row reached Enrow.
		expect(JSON.stringify(stats.requests.map((r) => r.body))).not.toContain(TEN_KB);
		// 1 credit per email found; names that leave no usable ASCII (山田 太郎) are not found, and refunded.
		expect(stats.credits.charged).toBe(out.filter((json) => json.found === true).length);
	},
);

rowCase(
	{
		fault:
			'12,000 rows, 1 % bad (empty, null, boolean, list, object, 10 KB, impossible addresses), unicode addresses; Continue On Fail',
		operation: VERIFY_BULK.label,
	},
	'12,000 rows with 1 % bad, Continue On Fail: Verify emails in bulk gives every good row its result and every bad row an error naming it and the fix',
	async (proof) => {
		const { result, out, stats, sentRows } = await runEveryRow(VERIFY_BULK, verifier);
		const syntax = [...verifier.bad.values()].filter((row) => row.syntax).length;
		proof.did(
			`${(ROWS - verifier.bad.size).toLocaleString('en-US')} good rows (${verifier.unicode.length} unicode addresses) got their results; ${verifier.bad.size - syntax} unreadable rows got their own error naming the item and the fix (e.g. “${verifier.bad.get(137)!.message.replace('#', '137')}”); ${syntax} impossible addresses got the free “invalid, reason: syntax” result without being sent; ${stats.jobs.length} jobs, ${sentRows.toLocaleString('en-US')} rows sent, ${stats.credits.charged.toLocaleString('en-US')} credits charged`,
		);
		expectOneItemPerRow(result, verifier);
		out.forEach((json, i) => {
			const bad = verifier.bad.get(i);
			if (bad?.syntax) {
				expect(json).toMatchObject({
					email: verifier.input[i].email,
					valid: false,
					reason: 'syntax',
					jobId: null,
				});
			} else if (bad) {
				expect(json.error).toBe(bad.message.replace('#', String(i)));
				expect(json.errorDescription).toMatch(FIX);
			} else {
				expect(json.error).toBeUndefined();
				expect(json).toMatchObject({
					email: verifier.input[i].email,
					status: 'completed',
					valid: true,
				});
			}
		});
		expect(sentRows).toBe(ROWS - verifier.bad.size);
		expect(stats.credits.charged).toBe((ROWS - verifier.bad.size) * 0.25);
	},
);

for (const [op, data] of [
	[FIND_BULK, finder],
	[VERIFY_BULK, verifier],
] as const) {
	rowCase(
		{ fault: '12,000 rows, 1 % bad; without Continue On Fail', operation: op.label },
		`12,000 rows with 1 % bad, no Continue On Fail: ${op.label} stops before sending anything, naming the first bad row and the fix`,
		async (proof) => {
			const result = await runOperation(simulator, op, { input: data.input });

			const counts = countsOf(simulator, op);
			proof.did(
				`Stopped before any request: “${messageOf(result)}” (${descriptionOf(result).split('.')[0]}.); ${counts.posts} POSTs, ${counts.charged} credits charged`,
			);
			expect(result.status).toBe('error');
			expect(messageOf(result)).toBe(data.bad.get(37)!.message.replace('#', '37'));
			expect(descriptionOf(result)).toMatch(FIX);
			expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(37);
			expect(counts).toMatchObject({ posts: 0, jobs: 0, charged: 0 });
		},
	);
}

rowCase(
	{
		fault: '12,000 rows, 1 % bad; without Continue On Fail: are all bad rows named?',
		operation: FIND_BULK.label,
	},
	'12,000 rows with 1 % bad, no Continue On Fail: the error tells how many rows are bad and which',
	async (proof) => {
		const result = await runOperation(simulator, FIND_BULK, { input: finder.input });

		const counts = countsOf(simulator, FIND_BULK);
		const description = descriptionOf(result);
		const listed = description.split('\n').filter((line) => /^- (?!…and)/.test(line));
		const more = /^- …and (\d+) more$/m.exec(description);
		proof.did(
			`Stopped before any request: “${messageOf(result)}”; the description says ${finder.bad.size} items have a problem and lists the first ${listed.length} by their own message, then “…and ${more?.[1] ?? '?'} more”; ${counts.posts} POSTs, ${counts.charged} credits charged`,
		);
		expect(result.status).toBe('error');
		expect(messageOf(result)).toBe(finder.bad.get(37)!.message.replace('#', '37'));
		expect(`${messageOf(result)} ${description}`).toMatch(new RegExp(`\\b${finder.bad.size}\\b`));
		expect(description).toMatch(/\b137\b/);
		// Every bad row up to 20, each with its own message, then a count of the rest.
		const firstTwenty = [...finder.bad.keys()].slice(0, 20);
		expect(listed).toEqual(
			firstTwenty.map((i) => `- ${finder.bad.get(i)!.message.replace('#', String(i))}`),
		);
		expect(Number(more?.[1])).toBe(finder.bad.size - 20);
		expect(counts).toMatchObject({ posts: 0, jobs: 0, charged: 0 });
	},
);

rowCase(
	{
		fault: 'Full Name mapped to a number (an ID column)',
		operation: FIND_BULK.label,
	},
	'a number where the name belongs: Find emails in bulk refuses it, naming the item and the fix',
	async (proof) => {
		const input = [
			{ name: 'Jim Halpert', domain: 'dundermifflin.com' },
			{ name: 1042, domain: 'dundermifflin.com' },
		];
		const result = await runOperation(simulator, FIND_BULK, { input, continueOnFail: true });

		const out = jsonOf(result);
		const sent = simulator.stats().jobs.reduce((sum, job) => sum + job.rows, 0);
		proof.did(
			out[1]?.error
				? `“${String(out[1].error)}”`
				: `Sent the number as a name (${sent} rows sent); item 1 came back ${out[1]?.found ? `“found”: ${String(out[1]?.email)}` : 'not found'}`,
		);
		expect(out[1].error).toBe('Full Name of item 1 is a number, not text');
		expect(out[1].errorDescription).toMatch(FIX);
		expect(sent).toBe(1);
	},
);

rowCase(
	{
		fault:
			'A number mapped into Company Domain, Email, LinkedIn URL, First Name or Last Name; a number as Company Name',
		operation:
			'Enrow · Find emails in bulk (`findBulk`), Verify emails in bulk (`verifyBulk`), Find phones in bulk (`findBulk`)',
	},
	'numbers where text belongs: every Enrow text field refuses them, naming the item and the fix; a company name may be a number',
	async (proof) => {
		const posted = () =>
			JSON.stringify(
				simulator
					.stats()
					.requests.filter((r) => r.method === 'POST')
					.map((r) => r.body),
			);
		const runs: Array<{ parameters: INodeParameters; input: IDataObject[]; refused: string[] }> = [
			{
				parameters: {
					...FIND_BULK.parameters,
					companyName: '={{ $json.company }}',
				},
				input: [
					{ name: 'Jim Halpert', domain: 'dundermifflin.com' },
					{ name: 'Pam Beesly', domain: 42 },
					{ name: 'Oscar Martinez', company: 3141 },
				],
				refused: ['', 'Company Domain of item 1 is a number, not text', ''],
			},
			{
				parameters: VERIFY_BULK.parameters,
				input: [{ email: 'pam.beesly@dundermifflin.com' }, { email: 5551234 }],
				refused: ['', 'Email of item 1 is a number, not text'],
			},
			{
				parameters: { ...PHONE_EITHER_MAPPED, operation: 'findBulk' },
				input: [
					{ linkedin: 'https://www.linkedin.com/in/michael-scott/' },
					{ linkedin: 123456 },
					{ first: 7, last: 'Scott', domain: 'dundermifflin.com' },
					{ first: 'Michael', last: 8, domain: 'dundermifflin.com' },
					{ first: 'Dwight', last: 'Schrute', company: 1999 },
				],
				refused: [
					'',
					'LinkedIn URL of item 1 is a number, not text',
					'First Name of item 2 is a number, not text',
					'Last Name of item 3 is a number, not text',
					'',
				],
			},
		];
		const errors: string[] = [];
		const bodies: string[] = [];
		for (const run of runs) {
			resetSimulator(simulator);
			const result = await runEnrow(simulator, run.parameters, {
				input: run.input,
				continueOnFail: true,
			});
			const out = jsonOf(result);
			bodies.push(posted());
			expect(out).toHaveLength(run.input.length);
			out.forEach((json, i) => {
				if (run.refused[i]) {
					errors.push(String(json.error));
					expect(json.error).toBe(run.refused[i]);
					expect(json.errorDescription).toMatch(FIX);
				} else {
					expect(json.error).toBeUndefined();
					expect(json.status).toBe('completed');
				}
			});
			// Only the good items were sent.
			const sent = simulator.stats().jobs.reduce((sum, job) => sum + job.rows, 0);
			expect(sent).toBe(run.refused.filter((refused) => !refused).length);
		}

		proof.did(
			`Each refused with its own error and the fix (${errors.map((e) => `“${e}”`).join(', ')}); only the other items were sent; a numeric Company Name was sent as text (“3141”, “1999”)`,
		);
		expect(bodies[0]).toContain('"company_name":"3141"');
		expect(bodies[2]).toContain('"company_name":"1999"');
	},
);

// The ValidEmailChecker node reads each item's Email through n8n (about 1 ms per item) and sends
// one request per address: 2,000 rows keep this case to a few seconds.
const VEC_ROWS = 2_000;
const vecData = verifierRows(VEC_ROWS);

rowCase(
	{ fault: '2,000 rows, 1 % bad, unicode addresses; Continue On Fail', operation: VEC.label },
	'2,000 rows with 1 % bad, Continue On Fail: ValidEmailChecker gives every good row its result and every bad row an error naming it and the fix',
	async (proof) => {
		const result = await runOperation(simulator, VEC, {
			input: vecData.input,
			continueOnFail: true,
			parameters: { options: { concurrency: 20 } },
		});

		const out = jsonOf(result);
		const counts = countsOf(simulator, VEC);
		const syntax = [...vecData.bad.values()].filter((row) => row.syntax).length;
		proof.did(
			`${VEC_ROWS - vecData.bad.size} good rows got their results; ${vecData.bad.size - syntax} unreadable rows got their own error naming the item and the fix; ${syntax} impossible addresses got the free “invalid” result without being sent; ${counts.posts} requests, ${counts.charged} credits charged`,
		);
		expect(out).toHaveLength(VEC_ROWS);
		expect(pairedIndexes(result)).toEqual(vecData.input.map((_, i) => i));
		out.forEach((json, i) => {
			const bad = vecData.bad.get(i);
			if (bad?.syntax) {
				expect(json).toMatchObject({ status: 'invalid', credits_used: 0 });
			} else if (bad) {
				expect(json.error).toBe(bad.message.replace('#', String(i)));
				expect(json.errorDescription).toMatch(FIX);
			} else {
				expect(json.error).toBeUndefined();
				expect(json.email).toBe(vecData.input[i].email);
			}
		});
		expect(counts.posts).toBe(VEC_ROWS - vecData.bad.size);
	},
);

rowCase(
	{ fault: '2,000 rows, 1 % bad; without Continue On Fail', operation: VEC.label },
	'2,000 rows with 1 % bad, no Continue On Fail: ValidEmailChecker stops before sending anything, naming the first bad row and the fix',
	async (proof) => {
		const result = await runOperation(simulator, VEC, { input: vecData.input });

		const counts = countsOf(simulator, VEC);
		proof.did(
			`Stopped before any request: “${messageOf(result)}”; ${counts.posts} requests, ${counts.charged} credits charged`,
		);
		expect(messageOf(result)).toBe(vecData.bad.get(37)!.message.replace('#', '37'));
		expect(descriptionOf(result)).toMatch(FIX);
		expect(counts).toMatchObject({ posts: 0, charged: 0 });
	},
);

/** Characters that show as nothing: zero-width space, soft hyphen, byte order mark, word joiner. */
const INVISIBLE = ['\u200B', '\u00AD', '\uFEFF', '\u2060'];
const hasInvisible = (text: string) => /[\u200B\u00AD\uFEFF\u2060]/.test(text);

/** `text` with one invisible character slipped in after its `at`-th character. */
function withInvisible(text: string, at: number, which: number): string {
	return `${text.slice(0, at)}${INVISIBLE[which % INVISIBLE.length]}${text.slice(at)}`;
}

rowCase(
	{
		fault:
			'Invisible characters (zero-width space, soft hyphen, byte order mark, word joiner) inside names, domains and addresses: 1,000 rows, every 10th a copy of the row before with one slipped in',
		operation: `${FIND_BULK.label}, ${VERIFY_BULK.label}, ${VEC.label}`,
	},
	'invisible characters: removed before duplicates are found and before sending, so a copy of a row with a zero-width space is the same row, sent and charged once',
	async (proof) => {
		const COUNT = 1_000;
		const leads = Array.from({ length: COUNT }, (_, i) => {
			const source = i % 10 === 9 ? i - 1 : i;
			const name = `Lead ${source} Person`;
			const domain = `company${source % 40}.com`;
			const email = `lead${source}@company${source % 40}.com`;
			if (source === i) return { name, domain, email };
			return {
				name: withInvisible(name, 4, i),
				domain: withInvisible(domain, 3, i + 1),
				email: withInvisible(email, 2, i + 2),
			};
		});
		const copies = leads.filter((_, i) => i % 10 === 9).length;
		const sentRows = () => simulator.stats().jobs.reduce((sum, job) => sum + job.rows, 0);
		const bodies = () => JSON.stringify(simulator.stats().requests.map((r) => r.body));

		const found = await runOperation(simulator, FIND_BULK, { input: leads });
		const finderRows = sentRows();
		const finderBodies = bodies();
		const finderOut = jsonOf(found);

		resetSimulator(simulator);
		const verified = await runOperation(simulator, VERIFY_BULK, { input: leads });
		const verifierRows = sentRows();
		const verifierCharged = simulator.stats().credits.charged;
		const verifierBodies = bodies();
		const verifierOut = jsonOf(verified);

		// ValidEmailChecker sends one request per address: 200 rows keep this to a second or two.
		resetSimulator(simulator);
		const vecInput = leads.slice(0, 200);
		const vec = await runOperation(simulator, VEC, {
			input: vecInput,
			parameters: { options: { concurrency: 20 } },
		});
		const vecCounts = countsOf(simulator, VEC);
		const vecBodies = bodies();
		const vecOut = jsonOf(vec);

		proof.did(
			`${COUNT.toLocaleString('en-US')} rows of which ${copies} are copies with an invisible character: Find emails in bulk sent ${finderRows} rows, Verify emails in bulk ${verifierRows} rows (${verifierCharged} credits charged), ValidEmailChecker ${vecCounts.posts} requests for 200 rows (${vecCounts.charged} credits); every copy got the result of the row it copies, and no request carried an invisible character`,
		);
		for (const out of [finderOut, verifierOut]) expect(out).toHaveLength(COUNT);
		expect(finderRows).toBe(COUNT - copies);
		expect(verifierRows).toBe(COUNT - copies);
		expect(verifierCharged).toBe((COUNT - copies) * 0.25);
		expect(vecCounts.posts).toBe(200 - 20);
		for (const text of [finderBodies, verifierBodies, vecBodies])
			expect(hasInvisible(text)).toBe(false);
		leads.forEach((_, i) => {
			if (i % 10 !== 9) return;
			expect(finderOut[i]).toMatchObject({
				fullName: `Lead ${i - 1} Person`,
				email: finderOut[i - 1].email,
				status: 'completed',
			});
			expect(verifierOut[i]).toMatchObject({ email: verifierOut[i - 1].email, valid: true });
			if (i < 200) {
				expect(vecOut[i]).toMatchObject({
					email: vecOut[i - 1].email,
					status: 'safe',
					credits_used: 0,
				});
			}
		});
	},
);

/** What a Company Domain column holds when the company's website is not known. */
const NOT_A_DOMAIN = [
	'N/A',
	'n/a',
	'-',
	'—',
	'none',
	'null',
	'unknown',
	'TBD',
	'?',
	'.',
	'lead@gmail.com',
	'hotmail.fr',
	'yahoo.co.uk',
	'https://www.linkedin.com/company/acme-corp/',
	'facebook.com/acmecorp',
	'x.com',
];

rowCase(
	{
		fault:
			'Company Domain holds no domain of the company (N/A, -, —, none, null, unknown, TBD, ?, ., a Gmail address, hotmail.fr, yahoo.co.uk, a LinkedIn or Facebook page, x.com): 2,000 rows, every 10th, half of them with a Company Name; Continue On Fail, then without',
		operation: FIND_BULK.label,
	},
	'no company domain: a placeholder, free-mail or social domain is not sent; the Company Name is searched alone, and a row without one gets a free error naming the value and the fix',
	async (proof) => {
		const COUNT = 2_000;
		const input = Array.from({ length: COUNT }, (_, i): IDataObject => {
			if (i % 10 !== 3) return { name: `Lead ${i} Person`, domain: `company${i % 40}.com` };
			const domain = NOT_A_DOMAIN[Math.floor(i / 10) % NOT_A_DOMAIN.length];
			return i % 20 === 3
				? { name: `Lead ${i} Person`, domain, company: 'Acme Corp' }
				: { name: `Lead ${i} Person`, domain };
		});
		const withName = input.filter((_, i) => i % 20 === 3).length;
		const withoutName = input.filter((_, i) => i % 20 === 13).length;
		const parameters = { companyName: '={{ $json.company }}' };

		const result = await runOperation(simulator, FIND_BULK, {
			input,
			continueOnFail: true,
			parameters,
		});
		const out = jsonOf(result);
		const rows = simulator.stats().jobs.reduce((sum, job) => sum + job.rows, 0);
		const sent = JSON.stringify(simulator.stats().requests.map((r) => r.body));

		resetSimulator(simulator);
		const stopped = await runOperation(simulator, FIND_BULK, { input, parameters });
		const stoppedCounts = countsOf(simulator, FIND_BULK);

		proof.did(
			`${withName} rows with a Company Name were searched by the name alone; each of the ${withoutName} rows without one got its own error (e.g. “${String(out[13].error)}”, “${String(out[33].error)}”) and was not sent: ${rows.toLocaleString('en-US')} rows sent, none with those values; without Continue On Fail: “${messageOf(stopped)}”, ${stoppedCounts.posts} POSTs, ${stoppedCounts.charged} credits charged`,
		);
		expect(out).toHaveLength(COUNT);
		expect(rows).toBe(COUNT - withoutName);
		expect(sent).not.toMatch(
			/gmail|hotmail|yahoo|linkedin|facebook|"x\.com"|"n"|N\/A|TBD|null"|"-"/i,
		);
		out.forEach((json, i) => {
			if (i % 20 === 3) {
				expect(json).toMatchObject({ status: 'completed', companyName: 'Acme Corp', found: true });
			} else if (i % 20 === 13) {
				expect(json.error).toMatch(
					new RegExp(
						`^Company Domain ".+" of item ${i} is (a placeholder, not a domain|a personal email provider|a social network or profile site)`,
					),
				);
				expect(json.errorDescription).toMatch(/or a Company Name.*it used no credit/);
			} else {
				expect(json).toMatchObject({ status: 'completed', found: true });
			}
		});
		expect(messageOf(stopped)).toBe(
			'Company Domain "n/a" of item 13 is a placeholder, not a domain',
		);
		expect(stoppedCounts).toMatchObject({ posts: 0, charged: 0 });
	},
);
