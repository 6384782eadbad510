export * from './admin-users';
export * from './cookie';
export * from './login';
export * from './password';
export * from './sessions';
export * from './throttle';
