import { handleLogin } from '@/lib/web/auth-handlers';

export const POST = handleLogin;
