import { getResultOperation } from '../jobOperation';
import { emailVerifierJob } from './emailVerifierJob';

export const { description, execute } = getResultOperation('emailVerifier', emailVerifierJob);
