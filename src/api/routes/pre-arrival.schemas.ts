/**
 * The pre-arrival section of a shipment's detail (GET /api/shipments/{id}): what the forwarder
 * registered, cut to the caller's standing (src/access/pre-arrival-access.ts, docs/security.md).
 */
import { Type } from 'typebox';
import { Choice } from '../schemas/common.js';

const PreArrivalUnitSchema = Type.Object(
  {
    kind: Type.String({ description: 'container, wagon, truck, trailer or vessel' }),
    id: Type.String({ description: 'The unit\'s number as registered' }),
    country: Type.Optional(Type.String({ description: 'Country of registration of a truck or trailer' })),
    carriedBy: Type.Optional(Type.String({ description: 'id of the unit carrying this one' })),
    seals: Type.Optional(Type.Array(Type.String(), { description: 'Seal numbers to find intact on arrival' })),
  },
  { additionalProperties: false },
);

const PreArrivalGoodsSchema = Type.Object(
  {
    hsCode: Type.String({ description: 'Harmonized System code' }),
    description: Type.String(),
    packages: Type.Number(),
    packageType: Type.Optional(Type.String({ description: 'UN/ECE Rec. 21 package type code' })),
    grossKg: Type.Number({ description: 'Gross mass in kilograms' }),
    declaredValue: Type.Optional(Type.Object({ amount: Type.Number(), currency: Type.String() }, { additionalProperties: false, description: 'Where the forwarder declared one' })),
  },
  { additionalProperties: false },
);

export const PreArrivalSchema = Type.Object(
  {
    access: Choice(['full', 'handling'] as const, 'full: the registrant, the parties, the customs of the countries on its way and the network operator; handling: the operator of a location on its way, who gets the units, seals, packages and gross mass only'),
    transportUnits: Type.Array(PreArrivalUnitSchema, { description: 'Registered transport units with their seals' }),
    totals: Type.Object(
      { packages: Type.Number({ description: 'Packages over every goods line' }), grossKg: Type.Number({ description: 'Gross mass over every goods line, kg' }) },
      { additionalProperties: false },
    ),
    references: Type.Optional(Type.Array(
      Type.Object({ kind: Type.String(), value: Type.String(), issuer: Type.Optional(Type.String()) }, { additionalProperties: false }),
      { description: 'The documents it travels under, as registered (full access only)' },
    )),
    parties: Type.Optional(Type.Array(
      Type.Object({ role: Type.String(), name: Type.String(), country: Type.String(), gln: Type.Optional(Type.String()) }, { additionalProperties: false }),
      { description: 'Consignor, consignee and the other parties (full access only)' },
    )),
    goods: Type.Optional(Type.Array(PreArrivalGoodsSchema, { description: 'Goods lines with HS codes and declared values (full access only)' })),
  },
  {
    additionalProperties: false,
    description:
      'Pre-arrival information: what the forwarder registered, from the registration in force (after its latest amendment). ' +
      'Absent when the shipment was not registered through Karvon, and for callers the policy gives none of it.',
  },
);
