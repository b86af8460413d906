export namespace app {
	
	export class PartyDTO {
	    document: string;
	    name: string;
	    address: string;
	    number: string;
	    complement: string;
	    district: string;
	    city: string;
	    uf: string;
	    cep: string;
	    email: string;
	    ddd: string;
	    phone: string;
	
	    static createFrom(source: any = {}) {
	        return new PartyDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.document = source["document"];
	        this.name = source["name"];
	        this.address = source["address"];
	        this.number = source["number"];
	        this.complement = source["complement"];
	        this.district = source["district"];
	        this.city = source["city"];
	        this.uf = source["uf"];
	        this.cep = source["cep"];
	        this.email = source["email"];
	        this.ddd = source["ddd"];
	        this.phone = source["phone"];
	    }
	}
	export class CredentialsInput {
	    kind: string;
	    zipBase64: string;
	    zipName: string;
	    certBase64: string;
	    keyBase64: string;
	    pfxBase64: string;
	    pfxPassword: string;
	
	    static createFrom(source: any = {}) {
	        return new CredentialsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.zipBase64 = source["zipBase64"];
	        this.zipName = source["zipName"];
	        this.certBase64 = source["certBase64"];
	        this.keyBase64 = source["keyBase64"];
	        this.pfxBase64 = source["pfxBase64"];
	        this.pfxPassword = source["pfxPassword"];
	    }
	}
	export class AccountInput {
	    name: string;
	    agency: string;
	    accountNumber: string;
	    contaCorrente: string;
	    environment: string;
	    simulatorUrl: string;
	    simulatorCaPem: string;
	    directIntegration: boolean;
	    clientId: string;
	    clientSecret: string;
	    credentials: CredentialsInput;
	    beneficiary: PartyDTO;
	    operationNumber: string;
	    logoBase64: string;
	    removeLogo: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AccountInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.agency = source["agency"];
	        this.accountNumber = source["accountNumber"];
	        this.contaCorrente = source["contaCorrente"];
	        this.environment = source["environment"];
	        this.simulatorUrl = source["simulatorUrl"];
	        this.simulatorCaPem = source["simulatorCaPem"];
	        this.directIntegration = source["directIntegration"];
	        this.clientId = source["clientId"];
	        this.clientSecret = source["clientSecret"];
	        this.credentials = this.convertValues(source["credentials"], CredentialsInput);
	        this.beneficiary = this.convertValues(source["beneficiary"], PartyDTO);
	        this.operationNumber = source["operationNumber"];
	        this.logoBase64 = source["logoBase64"];
	        this.removeLogo = source["removeLogo"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ParametersDTO {
	    interestCode: string;
	    interestRateBp: number;
	    interestAmountCents: number;
	    fineCode: string;
	    fineRateBp: number;
	    fineAmountCents: number;
	    discountCode: string;
	    discountRateBp: number;
	    discountAmountCents: number;
	    discountDaysBefore: number;
	    agendaDays: number;
	    messages: string[];
	    defaultDueDays: number;
	
	    static createFrom(source: any = {}) {
	        return new ParametersDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.interestCode = source["interestCode"];
	        this.interestRateBp = source["interestRateBp"];
	        this.interestAmountCents = source["interestAmountCents"];
	        this.fineCode = source["fineCode"];
	        this.fineRateBp = source["fineRateBp"];
	        this.fineAmountCents = source["fineAmountCents"];
	        this.discountCode = source["discountCode"];
	        this.discountRateBp = source["discountRateBp"];
	        this.discountAmountCents = source["discountAmountCents"];
	        this.discountDaysBefore = source["discountDaysBefore"];
	        this.agendaDays = source["agendaDays"];
	        this.messages = source["messages"];
	        this.defaultDueDays = source["defaultDueDays"];
	    }
	}
	export class CertificateView {
	    subject: string;
	    issuer: string;
	    serial: string;
	    notBefore: string;
	    notAfter: string;
	    daysLeft: number;
	    status: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new CertificateView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subject = source["subject"];
	        this.issuer = source["issuer"];
	        this.serial = source["serial"];
	        this.notBefore = source["notBefore"];
	        this.notAfter = source["notAfter"];
	        this.daysLeft = source["daysLeft"];
	        this.status = source["status"];
	        this.message = source["message"];
	    }
	}
	export class AccountView {
	    id: number;
	    name: string;
	    bank: string;
	    bankName: string;
	    agency: string;
	    accountNumber: string;
	    contaCorrente: string;
	    environment: string;
	    environmentLabel: string;
	    isSimulation: boolean;
	    simulatorUrl: string;
	    directIntegration: boolean;
	    clientId: string;
	    hasClientSecret: boolean;
	    certificate?: CertificateView;
	    beneficiary: PartyDTO;
	    operationNumber: string;
	    logoDataUrl: string;
	    parameters: ParametersDTO;
	
	    static createFrom(source: any = {}) {
	        return new AccountView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.bank = source["bank"];
	        this.bankName = source["bankName"];
	        this.agency = source["agency"];
	        this.accountNumber = source["accountNumber"];
	        this.contaCorrente = source["contaCorrente"];
	        this.environment = source["environment"];
	        this.environmentLabel = source["environmentLabel"];
	        this.isSimulation = source["isSimulation"];
	        this.simulatorUrl = source["simulatorUrl"];
	        this.directIntegration = source["directIntegration"];
	        this.clientId = source["clientId"];
	        this.hasClientSecret = source["hasClientSecret"];
	        this.certificate = this.convertValues(source["certificate"], CertificateView);
	        this.beneficiary = this.convertValues(source["beneficiary"], PartyDTO);
	        this.operationNumber = source["operationNumber"];
	        this.logoDataUrl = source["logoDataUrl"];
	        this.parameters = this.convertValues(source["parameters"], ParametersDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BarcodeInfo {
	    bank: string;
	    bankName: string;
	    barcode: string;
	    digitableLine: string;
	    formatted: string;
	    dueDate: string;
	    amountCents: number;
	    amount: string;
	
	    static createFrom(source: any = {}) {
	        return new BarcodeInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.bank = source["bank"];
	        this.bankName = source["bankName"];
	        this.barcode = source["barcode"];
	        this.digitableLine = source["digitableLine"];
	        this.formatted = source["formatted"];
	        this.dueDate = source["dueDate"];
	        this.amountCents = source["amountCents"];
	        this.amount = source["amount"];
	    }
	}
	
	export class ConnectionTest {
	    ok: boolean;
	    message: string;
	    steps: string[];
	
	    static createFrom(source: any = {}) {
	        return new ConnectionTest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.message = source["message"];
	        this.steps = source["steps"];
	    }
	}
	
	
	
	export class PayerInput {
	    document: string;
	    name: string;
	    address: string;
	    number: string;
	    complement: string;
	    district: string;
	    city: string;
	    uf: string;
	    cep: string;
	    email: string;
	    ddd: string;
	    phone: string;
	
	    static createFrom(source: any = {}) {
	        return new PayerInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.document = source["document"];
	        this.name = source["name"];
	        this.address = source["address"];
	        this.number = source["number"];
	        this.complement = source["complement"];
	        this.district = source["district"];
	        this.city = source["city"];
	        this.uf = source["uf"];
	        this.cep = source["cep"];
	        this.email = source["email"];
	        this.ddd = source["ddd"];
	        this.phone = source["phone"];
	    }
	}
	export class PayerView {
	    id: number;
	    document: string;
	    documentFormatted: string;
	    kind: string;
	    name: string;
	    address: string;
	    number: string;
	    complement: string;
	    district: string;
	    city: string;
	    uf: string;
	    cep: string;
	    cepFormatted: string;
	    email: string;
	    ddd: string;
	    phone: string;
	    warnings: string[];
	
	    static createFrom(source: any = {}) {
	        return new PayerView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.document = source["document"];
	        this.documentFormatted = source["documentFormatted"];
	        this.kind = source["kind"];
	        this.name = source["name"];
	        this.address = source["address"];
	        this.number = source["number"];
	        this.complement = source["complement"];
	        this.district = source["district"];
	        this.city = source["city"];
	        this.uf = source["uf"];
	        this.cep = source["cep"];
	        this.cepFormatted = source["cepFormatted"];
	        this.email = source["email"];
	        this.ddd = source["ddd"];
	        this.phone = source["phone"];
	        this.warnings = source["warnings"];
	    }
	}
	export class PixInfo {
	    crc: string;
	    url: string;
	    key: string;
	    amount: string;
	    merchantName: string;
	    merchantCity: string;
	    postalCode: string;
	    txid: string;
	    dynamic: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PixInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.crc = source["crc"];
	        this.url = source["url"];
	        this.key = source["key"];
	        this.amount = source["amount"];
	        this.merchantName = source["merchantName"];
	        this.merchantCity = source["merchantCity"];
	        this.postalCode = source["postalCode"];
	        this.txid = source["txid"];
	        this.dynamic = source["dynamic"];
	    }
	}
	export class SystemInfo {
	    version: string;
	    dataDir: string;
	    warnings: string[];
	
	    static createFrom(source: any = {}) {
	        return new SystemInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.dataDir = source["dataDir"];
	        this.warnings = source["warnings"];
	    }
	}

}

