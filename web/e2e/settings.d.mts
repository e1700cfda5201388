export declare const PORT: number;
export declare const BASE_URL: string;
export declare const ADMIN_EMAIL: string;
export declare const ADMIN_PASSWORD: string;
export declare const SERVER_LOG: string;
