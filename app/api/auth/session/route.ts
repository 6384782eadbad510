import { handleSession } from '@/lib/web/auth-handlers';

export const GET = handleSession;
