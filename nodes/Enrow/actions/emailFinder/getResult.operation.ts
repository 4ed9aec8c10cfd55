import { getResultOperation } from '../jobOperation';
import { emailFinderJob } from './emailFinderJob';

export const { description, execute } = getResultOperation('emailFinder', emailFinderJob);
