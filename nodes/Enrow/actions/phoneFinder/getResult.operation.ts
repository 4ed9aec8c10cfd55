import { getResultOperation } from '../jobOperation';
import { phoneFinderJob } from './phoneFinderJob';

export const { description, execute } = getResultOperation('phoneFinder', phoneFinderJob);
