export { relativeTime } from '../../lib/wording/format';
