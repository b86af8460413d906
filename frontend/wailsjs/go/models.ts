export namespace app {
	
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

