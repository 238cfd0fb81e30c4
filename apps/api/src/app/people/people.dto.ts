/** The answers of the people routes: the areas and the users one may name on a case. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ROLES } from '@tacu/domain';

/** Roles a person may hold in an area (the system actor is nobody to name). */
export const NAMEABLE_ROLES = ROLES.filter((role) => role !== 'system');

export class AreaResponse {
  @ApiProperty({ example: 'dublin-south-central', maxLength: 100 }) id!: string;
  @ApiProperty({ example: 'Dublin South Central', maxLength: 200 }) name!: string;
}

export class AreaListResponse {
  @ApiProperty({ type: [AreaResponse], maxItems: 1, description: 'The areas you may open cases in and name people of: your own.' })
  items!: AreaResponse[];
}

export class ListUsersQueryDto {
  @ApiPropertyOptional({ enum: NAMEABLE_ROLES, description: 'Only people of this role (e.g. leadPractitioner to choose a lead).' })
  @IsOptional()
  @IsIn(NAMEABLE_ROLES, { message: `role must be one of ${NAMEABLE_ROLES.join(', ')}` })
  role?: string;
}

export class UserResponse {
  @ApiProperty({ description: 'The id to name them by (leadPractitionerId, personId).', example: 'u-agency-0001', maxLength: 100 }) id!: string;
  @ApiProperty({ example: 'Orla Nolan', maxLength: 200 }) displayName!: string;
  @ApiProperty({ enum: NAMEABLE_ROLES, example: 'agencyPractitioner' }) role!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Public Health Nursing', maxLength: 200, description: 'The agency they act for: an invitee or action owner is named with it.' })
  agency!: string | null;
}

export class UserListResponse {
  @ApiProperty({ type: [UserResponse], maxItems: 1000, description: 'Active people of your area, by name.' }) items!: UserResponse[];
}
