export class ClientError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.name = 'ClientError';
        this.code = code;
    }
}
//# sourceMappingURL=errors.js.map