import { handleLogout } from '@/lib/web/auth-handlers';

export const POST = handleLogout;
