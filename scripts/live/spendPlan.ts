/** What the paid probes may spend, shown before anything is spent. */
import type { Api } from './apiClient';
import { isPaid, type Probe } from './probes';

export interface Spend {
	most: number;
	expected: number;
}

export type SpendPlan = Record<Api, Spend> & {
	/** What the free probes would cost if the API accepted a request it should refuse. */
	freeIfAccepted: number;
};

const API_NAMES: Record<Api, string> = { enrow: 'Enrow', vec: 'ValidEmailChecker' };

export function spendPlan(probes: readonly Probe[]): SpendPlan {
	const plan: SpendPlan = {
		enrow: { most: 0, expected: 0 },
		vec: { most: 0, expected: 0 },
		freeIfAccepted: 0,
	};
	for (const probe of probes) {
		if (probe.cost) {
			plan[probe.api].most += probe.cost.most;
			plan[probe.api].expected += probe.cost.expected;
		}
		plan.freeIfAccepted += probe.costIfAccepted ?? 0;
	}
	return plan;
}

const unit = (amount: number) => (amount === 1 ? 'credit' : 'credits');
const credits = (amount: number) => `${amount} ${unit(amount)}`;

/** "202.5 Enrow credits and 1 ValidEmailChecker credit" (APIs with nothing to spend left out). */
function mostText(plan: SpendPlan): string {
	return (['enrow', 'vec'] as const)
		.filter((api) => plan[api].most > 0)
		.map((api) => `${plan[api].most} ${API_NAMES[api]} ${unit(plan[api].most)}`)
		.join(' and ');
}

export function spendQuestion(plan: SpendPlan): string {
	return `Spend up to ${mostText(plan)}? [y/N] `;
}

export function planLines(probes: readonly Probe[], plan: SpendPlan): string[] {
	const free = probes.filter((probe) => !isPaid(probe));
	const paid = probes.filter(isPaid);
	const lines = [`Free probes (${free.length}): ${free.map((probe) => probe.id).join(', ')}`];
	if (plan.freeIfAccepted > 0) {
		lines.push(
			`  (free when refused as the docs say; ${credits(plan.freeIfAccepted)} if Enrow accepted the older request after all)`,
		);
	}
	if (paid.length === 0) return lines;
	const width = Math.max(...paid.map((probe) => probe.label.length));
	lines.push(`Paid probes (${paid.length}): the most each can reserve / expected after refunds`);
	for (const probe of paid) {
		const { most, expected } = probe.cost!;
		lines.push(`  ${probe.label.padEnd(width)}  ${String(most).padStart(5)} / ${expected}`);
	}
	for (const api of ['enrow', 'vec'] as const) {
		if (plan[api].most === 0) continue;
		lines.push(
			`  ${API_NAMES[api]}: up to ${credits(plan[api].most)}, about ${plan[api].expected} spent after refunds`,
		);
	}
	return lines;
}
