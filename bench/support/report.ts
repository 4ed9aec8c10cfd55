/** What each benchmark section hands to bench/run.ts for BENCHMARKS.md. */
export interface TargetCheck {
	/** Short name, e.g. "Verify bulk POSTs per 100,000 rows". */
	what: string;
	target: string;
	measured: string;
	/** null: not measured in this run (the section says why); 'partly': the measured figure says where. */
	met: boolean | null | 'partly';
}

export interface SectionReport {
	title: string;
	/** Markdown: tables, then "How to read it". */
	body: string;
	targets: TargetCheck[];
	wallMs: number;
}
